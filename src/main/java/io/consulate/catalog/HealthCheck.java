package io.consulate.catalog;

import java.util.List;

/**
 * A health check as the catalog stores it. An empty {@code serviceId} makes it a node-level check, which
 * counts against every service on the node. {@code definition} is kept opaque here: it is what the
 * check runner of the owning agent needs, and what the API echoes back.
 */
public record HealthCheck(
    String node,
    String checkId,
    String name,
    HealthStatus status,
    String notes,
    String output,
    String serviceId,
    String serviceName,
    List<String> serviceTags,
    String type,
    CheckDefinition definition,
    long createIndex,
    long modifyIndex) {

  public static final String SERF_HEALTH = "serfHealth";

  public HealthCheck {
    serviceTags = List.copyOf(serviceTags);
  }

  public boolean isNodeCheck() {
    return serviceId.isEmpty();
  }

  public HealthCheck withIndexes(long create, long modify) {
    return new HealthCheck(node, checkId, name, status, notes, output, serviceId, serviceName, serviceTags, type,
        definition, create, modify);
  }

  public HealthCheck withStatus(HealthStatus newStatus, String newOutput) {
    return new HealthCheck(node, checkId, name, newStatus, notes, newOutput, serviceId, serviceName, serviceTags, type,
        definition, createIndex, modifyIndex);
  }

  public boolean sameContent(HealthCheck o) {
    return withIndexes(0, 0).equals(o.withIndexes(0, 0));
  }
}
