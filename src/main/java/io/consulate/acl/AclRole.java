package io.consulate.acl;

import java.util.List;

/** A named bundle of policies and identities that tokens link to (Consul's ACLRole). */
public record AclRole(String id, String name, String description, List<AclLink> policies,
    List<AclServiceIdentity> serviceIdentities, List<AclNodeIdentity> nodeIdentities, String hash, long createIndex,
    long modifyIndex) {
  public AclRole {
    policies = List.copyOf(policies);
    serviceIdentities = List.copyOf(serviceIdentities);
    nodeIdentities = List.copyOf(nodeIdentities);
  }

  public AclRole withIndexes(long create, long modify) {
    return new AclRole(id, name, description, policies, serviceIdentities, nodeIdentities, hash, create, modify);
  }

  public AclRole withPolicies(List<AclLink> linked) {
    return new AclRole(id, name, description, linked, serviceIdentities, nodeIdentities, hash, createIndex, modifyIndex);
  }
}
