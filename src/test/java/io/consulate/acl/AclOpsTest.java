package io.consulate.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The state's rules for ACL writes, applied to an {@link AclState} as the leader applies them. */
class AclOpsTest {
  private static AclToken token(String accessor, String secret, List<AclLink> policies, List<AclLink> roles) {
    return new AclToken(accessor, secret, "", policies, roles, List.of(), List.of(), false, "2026-12-01T00:00:00Z", "", 0, 0);
  }

  private static AclPolicy policy(String id, String name, String rules) {
    return new AclPolicy(id, name, "", rules, List.of(), "", 0, 0);
  }

  private static AclState apply(AclState s, long index, java.util.function.Consumer<AclChanges> write) {
    AclChanges c = new AclChanges(s, index);
    write.accept(c);
    return c.applied();
  }

  @Test
  void bootstrapCreatesTheBuiltinsOnceAndThenRefuses() {
    AclState s = apply(AclState.EMPTY, 5, c -> AclOps.bootstrap(c, token("a1", "s1", List.of(), List.of())));
    assertEquals(5, s.bootstrapIndex());
    assertNotNull(s.policy(BuiltinPolicies.GLOBAL_MANAGEMENT_ID));
    assertEquals(BuiltinPolicies.ANONYMOUS_TOKEN_SECRET_ID, s.token(BuiltinPolicies.ANONYMOUS_TOKEN_ACCESSOR_ID).secretId());
    assertEquals(List.of(new AclLink(BuiltinPolicies.GLOBAL_MANAGEMENT_ID, "global-management")), s.tokenBySecret("s1").policies());
    AclException again = assertThrows(AclException.class,
        () -> apply(s, 6, c -> AclOps.bootstrap(c, token("a2", "s2", List.of(), List.of()))));
    assertEquals("ACL bootstrap no longer allowed (reset index: 5)", again.getMessage());
  }

  @Test
  void linksResolveByNameAndFollowRenamesAndDeletes() {
    AclState s = apply(AclState.EMPTY, 1, c -> AclOps.putPolicy(c, policy("p1", "readers", "node_prefix \"\" { policy = \"read\" }"), true));
    s = apply(s, 2, c -> AclOps.putToken(c, token("a1", "s1", List.of(new AclLink("", "readers")), List.of()), true));
    assertEquals(List.of(new AclLink("p1", "readers")), s.token("a1").policies());
    assertEquals(2, s.tokenIndex());
    assertEquals(1, s.policyIndex());
    s = apply(s, 3, c -> AclOps.putPolicy(c, policy("p1", "viewers", "node_prefix \"\" { policy = \"read\" }"), false));
    assertEquals(List.of(new AclLink("p1", "viewers")), s.token("a1").policies());
    assertEquals(1, s.policyByName("viewers").createIndex());
    assertNull(s.policyByName("readers"));
    s = apply(s, 4, c -> AclOps.deletePolicy(c, "p1"));
    assertEquals(List.of(), s.token("a1").policies());
  }

  @Test
  void refusesWhatConsulRefuses() {
    AclState s = apply(AclState.EMPTY, 1, c -> AclOps.putPolicy(c, policy("p1", "ops", ""), true));
    assertEquals("Invalid Policy: A Policy with Name \"ops\" already exists",
        assertThrows(AclException.class, () -> apply(s, 2, c -> AclOps.putPolicy(c, policy("p2", "ops", ""), true))).getMessage());
    assertEquals("Invalid Policy: invalid Name. Only alphanumeric characters, '-' and '_' are allowed",
        assertThrows(AclException.class, () -> apply(s, 2, c -> AclOps.putPolicy(c, policy("p2", "a b", ""), true))).getMessage());
    assertEquals("No such ACL policy with ID \"nope\"", assertThrows(AclException.class, () -> apply(s, 2,
        c -> AclOps.putToken(c, token("a", "s", List.of(new AclLink("nope", "")), List.of()), true))).getMessage());
    AclState t = apply(s, 2, c -> AclOps.putToken(c, token("a", "s", List.of(), List.of()), true));
    assertEquals("Invalid Token: SecretID is already in use", assertThrows(AclException.class,
        () -> apply(t, 3, c -> AclOps.putToken(c, token("b", "s", List.of(), List.of()), true))).getMessage());
    assertEquals("Deletion of the request's authorization token is not permitted",
        assertThrows(AclException.class, () -> apply(t, 3, c -> AclOps.deleteToken(c, "a", "a"))).getMessage());
    assertEquals("Changing a token's SecretID is not permitted", assertThrows(AclException.class,
        () -> apply(t, 3, c -> AclOps.putToken(c, token("a", "other", List.of(), List.of()), false))).getMessage());
  }

  @Test
  void theInitialManagementTokenCountsAsTheBootstrap() {
    AclState s = apply(AclState.EMPTY, 3, c -> AclOps.initialManagement(c, token("a1", "root", List.of(), List.of())));
    assertEquals(3, s.bootstrapIndex());
    AclState again = apply(s, 4, c -> AclOps.initialManagement(c, token("a2", "root", List.of(), List.of())));
    assertNull(again.token("a2"), "the same secret is not created twice");
    assertEquals(s.tokens().size(), again.tokens().size());
  }
}
