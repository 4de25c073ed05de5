package io.consulate.acl;

import java.util.List;

/**
 * Where authorizers come from: a token's policies compiled in front of a fallback, and Consul's three static ones
 * (acl/static_authorizer.go). Compiling merges and indexes the rules once; the caller keeps the result per token
 * and asks it on every request.
 */
public final class Authorizers {
  private static final Authorizer ALLOW_ALL = new StaticAuthorizer(true, false);
  private static final Authorizer DENY_ALL = new StaticAuthorizer(false, false);
  private static final Authorizer MANAGE_ALL = new StaticAuthorizer(true, true);

  private Authorizers() {}

  /**
   * The token's policies as one authorizer: merged (deny beats write beats list beats read), then looked up with
   * exact rule before longest prefix; a question no rule decides goes to {@code fallback}, normally
   * {@link #allowAll()} or {@link #denyAll()} as the agent's {@code acl.default_policy} says.
   */
  public static Authorizer compile(List<PolicyRules> policies, Authorizer fallback) {
    return new CompiledAuthorizer(PolicyMerger.merge(policies), fallback);
  }

  /** default_policy "allow": everything except reading and writing the ACL system itself. */
  public static Authorizer allowAll() {
    return ALLOW_ALL;
  }

  /** default_policy "deny": nothing. */
  public static Authorizer denyAll() {
    return DENY_ALL;
  }

  /** Everything, the ACL system included. */
  public static Authorizer manageAll() {
    return MANAGE_ALL;
  }
}
