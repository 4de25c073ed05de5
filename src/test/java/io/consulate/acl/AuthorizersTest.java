package io.consulate.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Decisions of compiled policies, from Consul's policy_authorizer_test.go, acl_test.go and acl-rules.mdx. */
class AuthorizersTest {
  private static Authorizer compile(Authorizer fallback, String... policies) {
    return Authorizers.compile(Arrays.stream(policies).map(PolicyRules::parse).toList(), fallback);
  }

  /** One named resource, as "Prefer Exact Matches" writes it for each type. */
  record Named(String word, BiPredicate<Authorizer, String> read, BiPredicate<Authorizer, String> write) {
    @Override
    public String toString() {
      return word;
    }
  }

  static Stream<Named> preferExactMatches() {
    return Stream.of(
        new Named("agent", Authorizer::agentRead, Authorizer::agentWrite),
        new Named("key", Authorizer::keyRead, Authorizer::keyWrite),
        new Named("node", Authorizer::nodeRead, Authorizer::nodeWrite),
        new Named("service", Authorizer::serviceRead, Authorizer::serviceWrite),
        new Named("session", Authorizer::sessionRead, Authorizer::sessionWrite),
        new Named("event", Authorizer::eventRead, Authorizer::eventWrite),
        new Named("query", Authorizer::queryRead, Authorizer::queryWrite));
  }

  /** Exact "foo" write and "football" deny; prefixes "foot" and "fo" read: exact beats prefix, longest prefix wins. */
  @ParameterizedTest(name = "{0}")
  @MethodSource
  void preferExactMatches(Named r) {
    Authorizer a = compile(Authorizers.allowAll(), String.format("""
        %1$s "foo" { policy = "write" }
        %1$s "football" { policy = "deny" }
        %1$s_prefix "foot" { policy = "read" }
        %1$s_prefix "fo" { policy = "read" }
        """, r.word));
    for (String readOnly : List.of("fo", "for", "foot", "foot2", "food")) {
      assertTrue(r.read.test(a, readOnly), "read " + readOnly);
      assertFalse(r.write.test(a, readOnly), "write " + readOnly);
    }
    assertTrue(r.read.test(a, "foo"));
    assertTrue(r.write.test(a, "foo"));
    assertFalse(r.read.test(a, "football"));
    assertFalse(r.write.test(a, "football"));
    // No rule covers "f" or "bar": the fallback (allow all) decides.
    assertTrue(r.write.test(a, "f"));
    assertTrue(r.write.test(a, "bar"));
  }

  @Test
  void longestPrefixWinsWhateverItsLevel() {
    Authorizer a = compile(Authorizers.denyAll(), """
        key_prefix "" { policy = "write" }
        key_prefix "app/" { policy = "deny" }
        key_prefix "app/public/" { policy = "read" }
        """);
    assertTrue(a.keyWrite("other"));
    assertFalse(a.keyRead("app/secret"));
    assertTrue(a.keyRead("app/public/x"));
    assertFalse(a.keyWrite("app/public/x"));
  }

  @Test
  void listOnKeysGrantsListAndReadButNotWrite() {
    Authorizer a = compile(Authorizers.denyAll(), """
        key_prefix "listed/" { policy = "list" }
        key_prefix "read/" { policy = "read" }
        """);
    assertTrue(a.keyList("listed/"));
    assertTrue(a.keyRead("listed/a"));
    assertFalse(a.keyWrite("listed/a"));
    assertTrue(a.keyRead("read/a"));
    assertFalse(a.keyList("read/"));
  }

  record Merge(String name, List<String> policies, boolean serviceRead, boolean serviceWrite) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Merge> mergedPolicies() {
    String read = "service \"web\" { policy = \"read\" }";
    String write = "service \"web\" { policy = \"write\" }";
    String deny = "service \"web\" { policy = \"deny\" }";
    return Stream.of(
        new Merge("read + write -> write", List.of(read, write), true, true),
        new Merge("write + read -> write", List.of(write, read), true, true),
        new Merge("write + deny -> deny", List.of(write, deny), false, false),
        new Merge("deny + read -> deny", List.of(deny, read), false, false),
        new Merge("deny and write in one policy -> deny", List.of(deny + "\n" + write), false, false),
        new Merge("prefix deny elsewhere does not touch the exact rule",
            List.of(write, "service_prefix \"web\" { policy = \"deny\" }"), true, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void mergedPolicies(Merge c) {
    Authorizer a = compile(Authorizers.allowAll(), c.policies.toArray(String[]::new));
    assertEquals(c.serviceRead, a.serviceRead("web"), "read");
    assertEquals(c.serviceWrite, a.serviceWrite("web"), "write");
  }

  @Test
  void listBeatsReadWhenMergingKeys() {
    Authorizer a = compile(Authorizers.denyAll(), "key_prefix \"a/\" { policy = \"read\" }",
        "key_prefix \"a/\" { policy = \"list\" }");
    assertTrue(a.keyList("a/"));
  }

  record WritePrefix(String name, String rules, String prefix, boolean allowed) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<WritePrefix> keyWritePrefix() {
    return Stream.of(
        new WritePrefix("write on the prefix, nothing below", "key_prefix \"a/\" { policy = \"write\" }", "a/", true),
        new WritePrefix("a deny below refuses the recursive delete",
            "key_prefix \"a/\" { policy = \"write\" }\nkey \"a/b/c\" { policy = \"deny\" }", "a/", false),
        new WritePrefix("a read prefix below refuses it",
            "key_prefix \"\" { policy = \"write\" }\nkey_prefix \"a/b/\" { policy = \"read\" }", "a/", false),
        new WritePrefix("a list exact rule below refuses it",
            "key_prefix \"\" { policy = \"write\" }\nkey \"a/x\" { policy = \"list\" }", "a/", false),
        new WritePrefix("write rules below keep it",
            "key_prefix \"\" { policy = \"write\" }\nkey \"a/x\" { policy = \"write\" }", "a/", true),
        new WritePrefix("a deny beside the prefix does not matter",
            "key_prefix \"\" { policy = \"write\" }\nkey \"b/x\" { policy = \"deny\" }", "a/", true),
        new WritePrefix("an exact rule on the prefix itself counts",
            "key_prefix \"\" { policy = \"write\" }\nkey \"a/\" { policy = \"read\" }", "a/", false),
        new WritePrefix("the covering prefix must be write",
            "key_prefix \"a/\" { policy = \"read\" }", "a/b/", false),
        new WritePrefix("an exact write on the prefix alone is not a covering prefix, fallback decides",
            "key \"a/\" { policy = \"write\" }", "a/", false),
        new WritePrefix("no rule at all: fallback decides", "", "a/", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void keyWritePrefix(WritePrefix c) {
    Authorizer a = compile(Authorizers.denyAll(), c.rules);
    assertEquals(c.allowed, a.keyWritePrefix(c.prefix));
  }

  @Test
  void keyWritePrefixWithoutRulesFallsThroughToAllow() {
    assertTrue(compile(Authorizers.allowAll(), "").keyWritePrefix("a/"));
    assertFalse(compile(Authorizers.allowAll(), "key \"a/b\" { policy = \"read\" }").keyWritePrefix("a/"));
  }

  @Test
  void readAllNeedsTheCatchAllPrefixAndNoDenyBelow() {
    assertTrue(compile(Authorizers.denyAll(), "service_prefix \"\" { policy = \"read\" }").serviceReadAll());
    assertFalse(compile(Authorizers.denyAll(), "service \"same-name\" { policy = \"read\" }").serviceReadAll());
    assertFalse(compile(Authorizers.allowAll(),
        "service_prefix \"\" { policy = \"read\" }\nservice \"secret\" { policy = \"deny\" }").serviceReadAll());
    assertFalse(compile(Authorizers.allowAll(), "service_prefix \"\" { policy = \"deny\" }").serviceReadAll());
    assertTrue(compile(Authorizers.allowAll(), "service \"web\" { policy = \"read\" }").serviceReadAll());
    assertTrue(compile(Authorizers.denyAll(), "node_prefix \"\" { policy = \"read\" }").nodeReadAll());
    assertFalse(compile(Authorizers.denyAll(), "node \"n1\" { policy = \"read\" }").nodeReadAll());
  }

  @Test
  void meshAndPeeringDefaultToTheOperatorRule() {
    Authorizer a = compile(Authorizers.denyAll(), "operator = \"read\"");
    assertTrue(a.meshRead());
    assertFalse(a.meshWrite());
    assertTrue(a.peeringRead());
    Authorizer b = compile(Authorizers.denyAll(), "operator = \"read\"\nmesh = \"write\"\npeering = \"deny\"");
    assertTrue(b.meshWrite());
    assertFalse(b.peeringRead());
    assertTrue(compile(Authorizers.allowAll(), "").meshWrite());
  }

  @Test
  void unsetRulesFallThroughAndSetOnesDoNot() {
    Authorizer overAllow = compile(Authorizers.allowAll(), "operator = \"read\"\nkeyring = \"deny\"");
    assertTrue(overAllow.nodeWrite("anything"));
    assertFalse(overAllow.operatorWrite());
    assertFalse(overAllow.keyringRead());
    assertFalse(overAllow.aclRead());
    Authorizer overDeny = compile(Authorizers.denyAll(), "acl = \"read\"\nkeyring = \"write\"");
    assertTrue(overDeny.aclRead());
    assertFalse(overDeny.aclWrite());
    assertTrue(overDeny.keyringWrite());
    assertFalse(overDeny.nodeRead("anything"));
  }

  /** acl-rules.mdx: read on every service and node, write on one service, KV under the service's path. */
  @Test
  void documentedExample() {
    Authorizer a = compile(Authorizers.denyAll(), """
        service_prefix "" { policy = "read" }
        node_prefix "" { policy = "read" }
        service "app" { policy = "write" }
        key_prefix "app/" { policy = "write" }
        key_prefix "app/private/" { policy = "deny" }
        session_prefix "" { policy = "write" }
        """);
    assertTrue(a.serviceRead("db"));
    assertFalse(a.serviceWrite("db"));
    assertTrue(a.serviceWrite("app"));
    assertTrue(a.nodeRead("n1"));
    assertTrue(a.keyWrite("app/config"));
    assertFalse(a.keyRead("app/private/secret"));
    assertFalse(a.keyWritePrefix("app/"));
    assertTrue(a.sessionWrite("n1"));
    assertFalse(a.keyRead("other"));
    assertFalse(a.operatorRead());
  }

  @Test
  void staticAuthorizers() {
    Authorizer allow = Authorizers.allowAll();
    assertTrue(allow.serviceWrite("x") && allow.keyWritePrefix("") && allow.operatorWrite() && allow.keyringWrite());
    assertFalse(allow.aclRead());
    assertFalse(allow.aclWrite());
    Authorizer deny = Authorizers.denyAll();
    assertFalse(deny.serviceRead("x") || deny.nodeReadAll() || deny.keyList("") || deny.aclRead());
    Authorizer manage = Authorizers.manageAll();
    assertTrue(manage.aclWrite() && manage.aclRead() && manage.keyWrite("k") && manage.peeringWrite());
  }

  @Test
  void globalManagementGrantsEverythingOverDenyAll() {
    Authorizer a = compile(Authorizers.denyAll(), BuiltinPolicies.GLOBAL_MANAGEMENT_RULES);
    assertTrue(a.aclWrite() && a.operatorWrite() && a.keyringWrite() && a.meshWrite() && a.peeringWrite());
    assertTrue(a.serviceWrite("s") && a.nodeWrite("n") && a.keyWritePrefix("") && a.sessionWrite("n"));
    assertTrue(a.queryWrite("q") && a.eventWrite("e") && a.agentWrite("n"));
    assertTrue(a.serviceReadAll() && a.nodeReadAll());
  }

  @Test
  void builtinIdentifiersAreConsuls() {
    assertEquals("00000000-0000-0000-0000-000000000001", BuiltinPolicies.GLOBAL_MANAGEMENT_ID);
    assertEquals("global-management", BuiltinPolicies.GLOBAL_MANAGEMENT_NAME);
    assertEquals("Builtin Policy that grants unlimited access", BuiltinPolicies.GLOBAL_MANAGEMENT_DESCRIPTION);
    assertTrue(BuiltinPolicies.GLOBAL_MANAGEMENT_RULES.startsWith("\nacl = \"write\"\nagent_prefix \"\" {\n\tpolicy"));
    assertTrue(BuiltinPolicies.GLOBAL_MANAGEMENT_RULES.endsWith("session_prefix \"\" {\n\tpolicy = \"write\"\n}"));
    assertEquals("00000000-0000-0000-0000-000000000002", BuiltinPolicies.ANONYMOUS_TOKEN_ACCESSOR_ID);
    assertEquals("anonymous", BuiltinPolicies.ANONYMOUS_TOKEN_SECRET_ID);
  }
}
