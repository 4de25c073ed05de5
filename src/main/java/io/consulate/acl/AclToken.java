package io.consulate.acl;

import java.util.List;

/**
 * A token as stored (Consul's ACLToken): the public AccessorID that names it, the SecretID clients send, and what
 * it grants through linked policies, roles and identities.
 *
 * @param local whether it stays in its datacenter; global tokens are replicated from the primary
 * @param createTime RFC 3339, as the submitting server's clock read it
 */
public record AclToken(String accessorId, String secretId, String description, List<AclLink> policies,
    List<AclLink> roles, List<AclServiceIdentity> serviceIdentities, List<AclNodeIdentity> nodeIdentities,
    boolean local, String createTime, String hash, long createIndex, long modifyIndex) {
  public AclToken {
    policies = List.copyOf(policies);
    roles = List.copyOf(roles);
    serviceIdentities = List.copyOf(serviceIdentities);
    nodeIdentities = List.copyOf(nodeIdentities);
  }

  public AclToken withIndexes(long create, long modify) {
    return new AclToken(accessorId, secretId, description, policies, roles, serviceIdentities, nodeIdentities, local,
        createTime, hash, create, modify);
  }

  public AclToken withLinks(List<AclLink> linkedPolicies, List<AclLink> linkedRoles) {
    return new AclToken(accessorId, secretId, description, linkedPolicies, linkedRoles, serviceIdentities,
        nodeIdentities, local, createTime, hash, createIndex, modifyIndex);
  }

  public AclToken withSecret(String secret) {
    return new AclToken(accessorId, secret, description, policies, roles, serviceIdentities, nodeIdentities, local,
        createTime, hash, createIndex, modifyIndex);
  }
}
