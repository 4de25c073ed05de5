package io.consulate.query;

import io.consulate.catalog.ServiceHealth;
import java.util.List;

/**
 * What executing a query answers: the instances, the datacenter they are in, and how many datacenters failover
 * tried (Consul counts every one attempted, failed ones included; 0 when this one had instances).
 */
public record QueryResult(String service, List<ServiceHealth> nodes, String dnsTtl, String datacenter, int failovers) {
  public QueryResult {
    nodes = List.copyOf(nodes);
  }
}
