package io.consulate.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Turns a request's SecretID into what it may do, against the published ACL state: an empty secret is the agent's
 * {@code default} token, else the anonymous one; an unknown secret is refused. A token's policies (linked, through
 * its roles, and synthesized from its identities) are compiled once and cached with the state they were compiled
 * against, so a new ACL state (any token, policy or role changed) drops the cache, and a lookup on an unchanged
 * state is one map read.
 */
public final class AclResolver {
  /** Compiled tokens kept per state; unknown secrets are never cached, so guessing cannot fill it. */
  private static final int MAX_CACHED = 10_000;

  /**
   * Who a request is: the token's AccessorID (Consul names it in refusals), what it may do, and the index of the
   * ACL state that was decided against (a reply cached for an identity is not served once the ACLs changed).
   */
  public record Identity(String accessorId, Authorizer authorizer, long aclIndex, String cacheKey) {
    Identity(String accessorId, Authorizer authorizer, long aclIndex) {
      this(accessorId, authorizer, aclIndex, accessorId + '@' + aclIndex);
    }
  }

  /** ACLs off: everything allowed, as Consul without ACLs. */
  public static final Identity OPEN = new Identity("", Authorizers.manageAll(), 0, "");

  private final Supplier<AclState> state;
  private final String datacenter;
  private final Authorizer fallback;
  private final Supplier<String> defaultToken;
  private final String defaultPolicy;
  private volatile Compiled compiled = new Compiled(null, new ConcurrentHashMap<>());

  private record Compiled(AclState state, Map<String, Identity> bySecret) {}

  /**
   * @param defaultPolicy the {@code default_policy}, "allow" or "deny": what no rule decides
   * @param defaultToken the agent's {@code acl.tokens.default} (may change on reload), empty for none
   */
  public AclResolver(Supplier<AclState> state, String datacenter, String defaultPolicy, Supplier<String> defaultToken) {
    this.state = state;
    this.datacenter = datacenter;
    this.defaultPolicy = defaultPolicy;
    this.fallback = defaultPolicy.equals("deny") ? Authorizers.denyAll() : Authorizers.allowAll();
    this.defaultToken = defaultToken;
  }

  /** "allow" or "deny", for Consul's {@code X-Consul-Default-ACL-Policy} header. */
  public String defaultPolicy() {
    return defaultPolicy;
  }

  /** Whether a request without a token is made with the agent's {@code default} token. */
  public boolean hasDefaultToken() {
    String t = defaultToken.get();
    return t != null && !t.isEmpty();
  }

  /** The identity of {@code secret}; throws {@link AclNotFoundException} for a secret no token has. */
  public Identity resolve(String secret) {
    String s = secret == null || secret.isEmpty() ? defaultToken.get() : secret;
    if (s == null || s.isEmpty()) s = BuiltinPolicies.ANONYMOUS_TOKEN_SECRET_ID;
    AclState current = state.get();
    Compiled c = compiled;
    if (c.state() != current) {
      c = new Compiled(current, new ConcurrentHashMap<>());
      compiled = c;
    }
    Identity hit = c.bySecret().get(s);
    if (hit != null) return hit;
    AclToken token = current.tokenBySecret(s);
    Identity id;
    if (token != null) {
      id = new Identity(token.accessorId(), Authorizers.compile(rulesOf(current, token), fallback), current.index());
    } else if (s.equals(BuiltinPolicies.ANONYMOUS_TOKEN_SECRET_ID)) {
      id = new Identity(BuiltinPolicies.ANONYMOUS_TOKEN_ACCESSOR_ID, fallback, current.index());
    }
    else throw new AclNotFoundException();
    if (c.bySecret().size() < MAX_CACHED) c.bySecret().putIfAbsent(s, id);
    return id;
  }

  /** Every rule set the token grants in this datacenter: its policies, its roles' and its identities'. */
  private List<PolicyRules> rulesOf(AclState s, AclToken token) {
    List<PolicyRules> out = new ArrayList<>();
    addPolicies(s, token.policies(), out);
    for (AclServiceIdentity si : token.serviceIdentities()) addIdentity(si, out);
    for (AclNodeIdentity ni : token.nodeIdentities()) addIdentity(ni, out);
    for (AclLink l : token.roles()) {
      AclRole r = s.role(l.id());
      if (r == null) continue;
      addPolicies(s, r.policies(), out);
      for (AclServiceIdentity si : r.serviceIdentities()) addIdentity(si, out);
      for (AclNodeIdentity ni : r.nodeIdentities()) addIdentity(ni, out);
    }
    return out;
  }

  private void addPolicies(AclState s, List<AclLink> links, List<PolicyRules> out) {
    for (AclLink l : links) {
      AclPolicy p = s.policy(l.id());
      if (p != null && p.appliesIn(datacenter)) out.add(PolicyRules.parse(p.rules()));
    }
  }

  private void addIdentity(AclServiceIdentity si, List<PolicyRules> out) {
    if (si.datacenters().isEmpty() || si.datacenters().contains(datacenter)) out.add(PolicyRules.parse(si.rules()));
  }

  private void addIdentity(AclNodeIdentity ni, List<PolicyRules> out) {
    if (ni.datacenter().equals(datacenter)) out.add(PolicyRules.parse(ni.rules()));
  }
}
