package io.consulate.acl;

import java.util.TreeMap;

/**
 * One ACL write's working copy: reads see the state it started from plus its own changes; the tables it writes are
 * copied on first write (ACL writes are rare and the tables small) and stamped with the write's index.
 */
public final class AclChanges {
  private final AclState base;
  private final long index;
  private TreeMap<String, AclToken> tokens;
  private TreeMap<String, AclPolicy> policies;
  private TreeMap<String, AclRole> roles;
  private long bootstrapIndex;

  public AclChanges(AclState base, long index) {
    this.base = base;
    this.index = index;
    this.bootstrapIndex = base.bootstrapIndex();
  }

  public long index() {
    return index;
  }

  public AclState base() {
    return base;
  }

  public boolean isEmpty() {
    return tokens == null && policies == null && roles == null && bootstrapIndex == base.bootstrapIndex();
  }

  public AclToken token(String accessorId) {
    return tokens != null ? tokens.get(accessorId) : base.token(accessorId);
  }

  public Iterable<AclToken> tokens() {
    return tokens != null ? tokens.values() : base.tokens();
  }

  public AclPolicy policy(String id) {
    return policies != null ? policies.get(id) : base.policy(id);
  }

  public Iterable<AclPolicy> policies() {
    return policies != null ? policies.values() : base.policies();
  }

  public AclRole role(String id) {
    return roles != null ? roles.get(id) : base.role(id);
  }

  public Iterable<AclRole> roles() {
    return roles != null ? roles.values() : base.roles();
  }

  public long bootstrapIndex() {
    return bootstrapIndex;
  }

  public void bootstrapped() {
    bootstrapIndex = index;
  }

  public void putToken(AclToken t) {
    if (tokens == null) tokens = base.copyTokens();
    tokens.put(t.accessorId(), t);
  }

  public void deleteToken(String accessorId) {
    if (tokens == null) tokens = base.copyTokens();
    tokens.remove(accessorId);
  }

  public void putPolicy(AclPolicy p) {
    if (policies == null) policies = base.copyPolicies();
    policies.put(p.id(), p);
  }

  public void deletePolicy(String id) {
    if (policies == null) policies = base.copyPolicies();
    policies.remove(id);
  }

  public void putRole(AclRole r) {
    if (roles == null) roles = base.copyRoles();
    roles.put(r.id(), r);
  }

  public void deleteRole(String id) {
    if (roles == null) roles = base.copyRoles();
    roles.remove(id);
  }

  /** The state after this write; the tables it did not touch keep their maps' content and index. */
  public AclState applied() {
    if (isEmpty()) return base;
    return new AclState(tokens != null ? tokens : base.copyTokens(), policies != null ? policies : base.copyPolicies(),
        roles != null ? roles : base.copyRoles(), tokens != null ? index : base.tokenIndex(),
        policies != null ? index : base.policyIndex(), roles != null ? index : base.roleIndex(), bootstrapIndex);
  }
}
