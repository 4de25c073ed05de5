package io.consulate.acl;

import java.util.List;

/**
 * A named set of rules, as stored (Consul's ACLPolicy).
 *
 * @param rules the rules as the user wrote them, HCL or JSON
 * @param datacenters where the policy applies; empty for every datacenter
 */
public record AclPolicy(String id, String name, String description, String rules, List<String> datacenters,
    String hash, long createIndex, long modifyIndex) {
  public AclPolicy {
    datacenters = List.copyOf(datacenters);
  }

  public AclPolicy withIndexes(long create, long modify) {
    return new AclPolicy(id, name, description, rules, datacenters, hash, create, modify);
  }

  /** Whether it applies in {@code datacenter}. */
  public boolean appliesIn(String datacenter) {
    return datacenters.isEmpty() || datacenters.contains(datacenter);
  }
}
