package io.consulate.acl;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The ACL tables at one index, immutable: tokens by AccessorID (and SecretID), policies and roles by ID (and
 * name), each table with its own index for blocking queries, and the index ACLs were bootstrapped at (0 until
 * then). Readers resolve tokens against the published state without locks.
 */
public final class AclState {
  public static final AclState EMPTY = new AclState(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), 0, 0, 0, 0);

  private final SortedMap<String, AclToken> tokens;
  private final Map<String, AclToken> bySecret = new HashMap<>();
  private final SortedMap<String, AclPolicy> policies;
  private final Map<String, AclPolicy> policyByName = new HashMap<>();
  private final SortedMap<String, AclRole> roles;
  private final Map<String, AclRole> roleByName = new HashMap<>();
  private final long tokenIndex;
  private final long policyIndex;
  private final long roleIndex;
  private final long bootstrapIndex;

  /** Takes ownership of the maps it is given. */
  public AclState(TreeMap<String, AclToken> tokens, TreeMap<String, AclPolicy> policies, TreeMap<String, AclRole> roles,
      long tokenIndex, long policyIndex, long roleIndex, long bootstrapIndex) {
    this.tokens = Collections.unmodifiableSortedMap(tokens);
    this.policies = Collections.unmodifiableSortedMap(policies);
    this.roles = Collections.unmodifiableSortedMap(roles);
    for (AclToken t : tokens.values()) bySecret.put(t.secretId(), t);
    for (AclPolicy p : policies.values()) policyByName.put(p.name(), p);
    for (AclRole r : roles.values()) roleByName.put(r.name(), r);
    this.tokenIndex = tokenIndex;
    this.policyIndex = policyIndex;
    this.roleIndex = roleIndex;
    this.bootstrapIndex = bootstrapIndex;
  }

  public Collection<AclToken> tokens() {
    return tokens.values();
  }

  public AclToken token(String accessorId) {
    return tokens.get(accessorId);
  }

  public AclToken tokenBySecret(String secretId) {
    return bySecret.get(secretId);
  }

  public Collection<AclPolicy> policies() {
    return policies.values();
  }

  public AclPolicy policy(String id) {
    return policies.get(id);
  }

  public AclPolicy policyByName(String name) {
    return policyByName.get(name);
  }

  public Collection<AclRole> roles() {
    return roles.values();
  }

  public AclRole role(String id) {
    return roles.get(id);
  }

  public AclRole roleByName(String name) {
    return roleByName.get(name);
  }

  public long tokenIndex() {
    return tokenIndex;
  }

  public long policyIndex() {
    return policyIndex;
  }

  public long roleIndex() {
    return roleIndex;
  }

  /** The index of the bootstrap (or of the initial management token's creation); 0 while bootstrap is allowed. */
  public long bootstrapIndex() {
    return bootstrapIndex;
  }

  /** The highest of the table indexes. */
  public long index() {
    return Math.max(Math.max(tokenIndex, policyIndex), Math.max(roleIndex, bootstrapIndex));
  }

  TreeMap<String, AclToken> copyTokens() {
    return new TreeMap<>(tokens);
  }

  TreeMap<String, AclPolicy> copyPolicies() {
    return new TreeMap<>(policies);
  }

  TreeMap<String, AclRole> copyRoles() {
    return new TreeMap<>(roles);
  }
}
