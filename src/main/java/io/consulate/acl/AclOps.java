package io.consulate.acl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The state's rules for ACL writes, applied by the leader in log order (Consul's ACL endpoint and state store):
 * unique names and secrets, links to policies and roles that exist (given by ID or by name, stored with both),
 * the built-in policy and the anonymous token kept intact, bootstrap once. Indexes and hashes are stamped here.
 */
public final class AclOps {
  /** Consul's validPolicyName / validRoleName. */
  private static final Pattern VALID_NAME = Pattern.compile("^[A-Za-z0-9\\-_]{1,128}$");

  private AclOps() {}

  /** The built-in policy and the anonymous token, created when missing: what a leader does when ACLs are on. */
  public static void ensureBuiltins(AclChanges c, String createTime) {
    if (c.policy(BuiltinPolicies.GLOBAL_MANAGEMENT_ID) == null) {
      AclPolicy p = new AclPolicy(BuiltinPolicies.GLOBAL_MANAGEMENT_ID, BuiltinPolicies.GLOBAL_MANAGEMENT_NAME,
          BuiltinPolicies.GLOBAL_MANAGEMENT_DESCRIPTION, BuiltinPolicies.GLOBAL_MANAGEMENT_RULES, List.of(), "", 0, 0);
      c.putPolicy(hashed(p).withIndexes(c.index(), c.index()));
    }
    if (c.token(BuiltinPolicies.ANONYMOUS_TOKEN_ACCESSOR_ID) == null) {
      AclToken t = new AclToken(BuiltinPolicies.ANONYMOUS_TOKEN_ACCESSOR_ID, BuiltinPolicies.ANONYMOUS_TOKEN_SECRET_ID,
          "Anonymous Token", List.of(), List.of(), List.of(), List.of(), false, createTime, "", 0, 0);
      c.putToken(hashed(t).withIndexes(c.index(), c.index()));
    }
  }

  /** {@code PUT /v1/acl/bootstrap}: once, a management token. */
  public static AclToken bootstrap(AclChanges c, AclToken token) {
    if (c.bootstrapIndex() != 0) {
      throw new AclException("ACL bootstrap no longer allowed (reset index: " + c.bootstrapIndex() + ")");
    }
    ensureBuiltins(c, token.createTime());
    AclToken stored = putToken(c, token.withLinks(List.of(managementLink()), List.of()), true);
    c.bootstrapped();
    return stored;
  }

  /**
   * The configured {@code acl.tokens.initial_management} token, created once (by the leader) when no token has that
   * secret; it takes the place of a bootstrap, as in Consul.
   */
  public static void initialManagement(AclChanges c, AclToken token) {
    ensureBuiltins(c, token.createTime());
    for (AclToken t : c.tokens()) if (t.secretId().equals(token.secretId())) return;
    putToken(c, token.withLinks(List.of(managementLink()), List.of()), true);
    if (c.bootstrapIndex() == 0) c.bootstrapped();
  }

  private static AclLink managementLink() {
    return new AclLink(BuiltinPolicies.GLOBAL_MANAGEMENT_ID, BuiltinPolicies.GLOBAL_MANAGEMENT_NAME);
  }

  /** Creates or updates a token; its policy and role links are resolved to existing ones. */
  public static AclToken putToken(AclChanges c, AclToken t, boolean create) {
    AclToken existing = c.token(t.accessorId());
    if (create && existing != null) throw new AclException("Invalid Token: AccessorID is already in use");
    if (!create && existing == null) throw new AclException("Cannot find token \"" + t.accessorId() + "\"");
    if (!create && !existing.secretId().equals(t.secretId())) {
      throw new AclException("Changing a token's SecretID is not permitted");
    }
    for (AclToken other : c.tokens()) {
      if (!other.accessorId().equals(t.accessorId()) && other.secretId().equals(t.secretId())) {
        throw new AclException("Invalid Token: SecretID is already in use");
      }
    }
    if (t.accessorId().equals(BuiltinPolicies.ANONYMOUS_TOKEN_ACCESSOR_ID) && !create
        && !t.secretId().equals(BuiltinPolicies.ANONYMOUS_TOKEN_SECRET_ID)) {
      throw new AclException("Changing a token's SecretID is not permitted");
    }
    AclToken linked = t.withLinks(policyLinks(c, t.policies()), roleLinks(c, t.roles()));
    AclToken stored = hashed(linked).withIndexes(existing == null ? c.index() : existing.createIndex(), c.index());
    if (existing != null) stored = new AclToken(stored.accessorId(), stored.secretId(), stored.description(),
        stored.policies(), stored.roles(), stored.serviceIdentities(), stored.nodeIdentities(), existing.local(),
        existing.createTime(), stored.hash(), stored.createIndex(), stored.modifyIndex());
    c.putToken(stored);
    return stored;
  }

  /** {@code requestAccessor} is the token the request came with: a token cannot delete itself. */
  public static void deleteToken(AclChanges c, String accessorId, String requestAccessor) {
    if (accessorId.equals(BuiltinPolicies.ANONYMOUS_TOKEN_ACCESSOR_ID)) {
      throw new AclException("Delete operation not permitted on the anonymous token");
    }
    if (accessorId.equals(requestAccessor)) {
      throw new AclException("Deletion of the request's authorization token is not permitted");
    }
    if (c.token(accessorId) != null) c.deleteToken(accessorId);
  }

  public static AclPolicy putPolicy(AclChanges c, AclPolicy p, boolean create) {
    if (p.name().isEmpty()) throw new AclException("Invalid Policy: no Name is set");
    if (!VALID_NAME.matcher(p.name()).matches()) {
      throw new AclException("Invalid Policy: invalid Name. Only alphanumeric characters, '-' and '_' are allowed");
    }
    AclPolicy existing = c.policy(p.id());
    if (create && existing != null) throw new AclException("Invalid Policy: ID is already in use");
    if (!create && existing == null) throw new AclException("cannot find policy " + p.id());
    for (AclPolicy other : c.policies()) {
      if (!other.id().equals(p.id()) && other.name().equals(p.name())) {
        throw new AclException("Invalid Policy: A Policy with Name \"" + p.name() + "\" already exists");
      }
    }
    if (p.id().equals(BuiltinPolicies.GLOBAL_MANAGEMENT_ID)) {
      if (!p.rules().equals(existing.rules())) {
        throw new AclException("Changing the Rules for the builtin global-management policy is not permitted");
      }
      if (!p.datacenters().isEmpty()) {
        throw new AclException("Changing the Datacenters of the builtin global-management policy is not permitted");
      }
    }
    try {
      PolicyRules.parse(p.rules());
    } catch (AclRulesException e) {
      throw new AclException(e.getMessage());
    }
    AclPolicy stored = hashed(p).withIndexes(existing == null ? c.index() : existing.createIndex(), c.index());
    c.putPolicy(stored);
    if (existing != null && !existing.name().equals(p.name())) relinkPolicy(c, p.id(), p.name());
    return stored;
  }

  public static void deletePolicy(AclChanges c, String id) {
    if (id.equals(BuiltinPolicies.GLOBAL_MANAGEMENT_ID)) {
      throw new AclException("Delete operation not permitted on the builtin global-management policy");
    }
    if (c.policy(id) == null) return;
    c.deletePolicy(id);
    relinkPolicy(c, id, null);
  }

  public static AclRole putRole(AclChanges c, AclRole r, boolean create) {
    if (r.name().isEmpty()) throw new AclException("Invalid Role: no Name is set");
    if (!VALID_NAME.matcher(r.name()).matches()) {
      throw new AclException("Invalid Role: invalid Name. Only alphanumeric characters, '-' and '_' are allowed");
    }
    AclRole existing = c.role(r.id());
    if (create && existing != null) throw new AclException("Invalid Role: ID is already in use");
    if (!create && existing == null) throw new AclException("cannot find role " + r.id());
    for (AclRole other : c.roles()) {
      if (!other.id().equals(r.id()) && other.name().equals(r.name())) {
        throw new AclException("Invalid Role: A Role with Name \"" + r.name() + "\" already exists");
      }
    }
    AclRole linked = r.withPolicies(policyLinks(c, r.policies()));
    AclRole stored = hashed(linked).withIndexes(existing == null ? c.index() : existing.createIndex(), c.index());
    c.putRole(stored);
    if (existing != null && !existing.name().equals(r.name())) relinkRole(c, r.id(), r.name());
    return stored;
  }

  public static void deleteRole(AclChanges c, String id) {
    if (c.role(id) == null) return;
    c.deleteRole(id);
    relinkRole(c, id, null);
  }

  /**
   * A secondary datacenter takes the primary's policies, roles and global tokens as they are (its own local tokens
   * stay): what the primary has is stored or updated here, what it no longer has goes. Objects keep their IDs,
   * secrets, links and hashes; indexes are this datacenter's.
   */
  public static void replicate(AclChanges c, List<AclPolicy> policies, List<AclRole> roles, List<AclToken> tokens,
      boolean bootstrapped) {
    java.util.Set<String> keep = new java.util.HashSet<>();
    for (AclPolicy p : policies) {
      keep.add(p.id());
      AclPolicy mine = c.policy(p.id());
      if (mine == null || !mine.hash().equals(p.hash()) || !mine.name().equals(p.name())) {
        c.putPolicy(p.withIndexes(mine == null ? c.index() : mine.createIndex(), c.index()));
      }
    }
    for (AclPolicy p : listOf(c.policies())) if (!keep.contains(p.id())) c.deletePolicy(p.id());
    keep.clear();
    for (AclRole r : roles) {
      keep.add(r.id());
      AclRole mine = c.role(r.id());
      if (mine == null || !mine.hash().equals(r.hash()) || !mine.policies().equals(r.policies())) {
        c.putRole(r.withIndexes(mine == null ? c.index() : mine.createIndex(), c.index()));
      }
    }
    for (AclRole r : listOf(c.roles())) if (!keep.contains(r.id())) c.deleteRole(r.id());
    keep.clear();
    for (AclToken t : tokens) {
      if (t.local()) continue;
      keep.add(t.accessorId());
      AclToken mine = c.token(t.accessorId());
      if (mine == null || !mine.hash().equals(t.hash()) || !mine.policies().equals(t.policies())
          || !mine.roles().equals(t.roles())) {
        c.putToken(t.withIndexes(mine == null ? c.index() : mine.createIndex(), c.index()));
      }
    }
    for (AclToken t : listOf(c.tokens())) if (!t.local() && !keep.contains(t.accessorId())) c.deleteToken(t.accessorId());
    if (bootstrapped && c.bootstrapIndex() == 0) c.bootstrapped();
  }

  private static List<AclLink> policyLinks(AclChanges c, List<AclLink> given) {
    return links(given, "policy", id -> linkTo(c.policy(id)), name -> {
      AclPolicy found = null;
      for (AclPolicy p : c.policies()) if (p.name().equals(name)) found = p;
      return linkTo(found);
    });
  }

  private static List<AclLink> roleLinks(AclChanges c, List<AclLink> given) {
    return links(given, "role", id -> linkTo(c.role(id)), name -> {
      AclRole found = null;
      for (AclRole r : c.roles()) if (r.name().equals(name)) found = r;
      return linkTo(found);
    });
  }

  private static AclLink linkTo(AclPolicy p) {
    return p == null ? null : new AclLink(p.id(), p.name());
  }

  private static AclLink linkTo(AclRole r) {
    return r == null ? null : new AclLink(r.id(), r.name());
  }

  /**
   * Links given by ID (which wins) or by name, resolved by {@code byId}/{@code byName} to both; one to nothing is
   * refused with Consul's message; duplicates are dropped.
   */
  private static List<AclLink> links(List<AclLink> given, String kind,
      java.util.function.Function<String, AclLink> byId, java.util.function.Function<String, AclLink> byName) {
    List<AclLink> out = new ArrayList<>();
    for (AclLink l : given) {
      boolean hasId = l.id() != null && !l.id().isEmpty();
      AclLink link = hasId ? byId.apply(l.id()) : byName.apply(l.name());
      if (link == null) {
        throw new AclException("No such ACL " + kind + " with " + (hasId ? "ID \"" + l.id() : "name \"" + l.name()) + "\"");
      }
      if (!out.contains(link)) out.add(link);
    }
    return out;
  }

  /** A renamed policy's links show the new name; a deleted one's ({@code name == null}) go. */
  private static void relinkPolicy(AclChanges c, String id, String name) {
    for (AclToken t : listOf(c.tokens())) {
      List<AclLink> links = relinked(t.policies(), id, name);
      if (links != null) c.putToken(t.withLinks(links, t.roles()));
    }
    for (AclRole r : listOf(c.roles())) {
      List<AclLink> links = relinked(r.policies(), id, name);
      if (links != null) c.putRole(r.withPolicies(links));
    }
  }

  private static void relinkRole(AclChanges c, String id, String name) {
    for (AclToken t : listOf(c.tokens())) {
      List<AclLink> links = relinked(t.roles(), id, name);
      if (links != null) c.putToken(t.withLinks(t.policies(), links));
    }
  }

  /** The links with {@code id} renamed or removed; null when none links to it. */
  private static List<AclLink> relinked(List<AclLink> links, String id, String name) {
    boolean found = false;
    List<AclLink> out = new ArrayList<>();
    for (AclLink l : links) {
      if (!l.id().equals(id)) out.add(l);
      else {
        found = true;
        if (name != null) out.add(new AclLink(id, name));
      }
    }
    return found ? out : null;
  }

  private static <T> List<T> listOf(Iterable<T> items) {
    List<T> out = new ArrayList<>();
    items.forEach(out::add);
    return out;
  }

  /** Consul's Hash: a digest of what the object grants, so a client can tell two versions apart. */
  private static AclToken hashed(AclToken t) {
    String h = hash(t.description(), t.policies(), t.roles(), t.serviceIdentities(), t.nodeIdentities(), t.local());
    return new AclToken(t.accessorId(), t.secretId(), t.description(), t.policies(), t.roles(), t.serviceIdentities(),
        t.nodeIdentities(), t.local(), t.createTime(), h, t.createIndex(), t.modifyIndex());
  }

  private static AclPolicy hashed(AclPolicy p) {
    return new AclPolicy(p.id(), p.name(), p.description(), p.rules(), p.datacenters(),
        hash(p.name(), p.description(), p.rules(), p.datacenters()), p.createIndex(), p.modifyIndex());
  }

  private static AclRole hashed(AclRole r) {
    return new AclRole(r.id(), r.name(), r.description(), r.policies(), r.serviceIdentities(), r.nodeIdentities(),
        hash(r.name(), r.description(), r.policies(), r.serviceIdentities(), r.nodeIdentities()), r.createIndex(),
        r.modifyIndex());
  }

  private static String hash(Object... fields) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      for (Object f : fields) d.update((Objects.toString(f) + '\u0000').getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
