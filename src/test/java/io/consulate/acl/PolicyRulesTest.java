package io.consulate.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Parsing Consul's rules, in HCL and JSON, with Consul's refusals (cases of acl/policy_test.go). */
class PolicyRulesTest {
  /** The "Basic" case of Consul's TestPolicySourceParse, both forms. */
  static final String BASIC_HCL = """
      agent_prefix "bar" { policy = "write" }
      agent "foo" { policy = "read" }
      event_prefix "" { policy = "read" }
      event "foo" { policy = "write" }
      event "bar" { policy = "deny" }
      key_prefix "" { policy = "read" }
      key_prefix "foo/" { policy = "write" }
      key_prefix "foo/bar/" { policy = "read" }
      key "foo/bar/baz" { policy = "deny" }
      keyring = "deny"
      node_prefix "" { policy = "read" }
      node "foo" { policy = "write" }
      node "bar" { policy = "deny" }
      operator = "deny"
      mesh = "deny"
      peering = "deny"
      service_prefix "" { policy = "write" }
      service "foo" { policy = "read" }
      session "foo" { policy = "write" }
      session "bar" { policy = "deny" }
      session_prefix "baz" { policy = "deny" }
      query_prefix "" { policy = "read" }
      query "foo" { policy = "write" }
      query "bar" { policy = "deny" }
      """;
  static final String BASIC_JSON = """
      {
        "agent_prefix": {"bar": {"policy": "write"}},
        "agent": {"foo": {"policy": "read"}},
        "event_prefix": {"": {"policy": "read"}},
        "event": {"foo": {"policy": "write"}, "bar": {"policy": "deny"}},
        "key_prefix": {"": {"policy": "read"}, "foo/": {"policy": "write"}, "foo/bar/": {"policy": "read"}},
        "key": {"foo/bar/baz": {"policy": "deny"}},
        "keyring": "deny",
        "node_prefix": {"": {"policy": "read"}},
        "node": {"foo": {"policy": "write"}, "bar": {"policy": "deny"}},
        "operator": "deny",
        "mesh": "deny",
        "peering": "deny",
        "service_prefix": {"": {"policy": "write"}},
        "service": {"foo": {"policy": "read"}},
        "session_prefix": {"baz": {"policy": "deny"}},
        "session": {"foo": {"policy": "write"}, "bar": {"policy": "deny"}},
        "query_prefix": {"": {"policy": "read"}},
        "query": {"foo": {"policy": "write"}, "bar": {"policy": "deny"}}
      }
      """;

  @Test
  void hclAndJsonGiveTheSameRules() {
    PolicyRules hcl = PolicyRules.parse(BASIC_HCL);
    PolicyRules json = PolicyRules.parse(BASIC_JSON);
    assertEquals(24 - 4, hcl.rules().size());
    assertEquals(sorted(hcl.rules()), sorted(json.rules()));
    for (Scope scope : Scope.values()) assertEquals(hcl.scope(scope), json.scope(scope), scope.word);
    assertEquals(AccessLevel.DENY, hcl.scope(Scope.OPERATOR));
    assertEquals(AccessLevel.UNSET, hcl.scope(Scope.ACL));
    assertTrue(hcl.rules().contains(new Rule(Resource.KEY, "foo/bar/baz", false, AccessLevel.DENY)));
    assertTrue(hcl.rules().contains(new Rule(Resource.KEY, "foo/", true, AccessLevel.WRITE)));
    assertTrue(hcl.rules().contains(new Rule(Resource.SESSION, "baz", true, AccessLevel.DENY)));
  }

  private static List<String> sorted(List<Rule> rules) {
    return rules.stream().map(Rule::toString).sorted().toList();
  }

  @Test
  void hclAndJsonGiveTheSameDecisions() {
    Authorizer hcl = Authorizers.compile(List.of(PolicyRules.parse(BASIC_HCL)), Authorizers.denyAll());
    Authorizer json = Authorizers.compile(List.of(PolicyRules.parse(BASIC_JSON)), Authorizers.denyAll());
    for (String name : List.of("", "foo", "bar", "baz", "foo/", "foo/x", "foo/bar/", "foo/bar/baz", "zip")) {
      assertEquals(hcl.keyRead(name), json.keyRead(name), "keyRead " + name);
      assertEquals(hcl.keyWrite(name), json.keyWrite(name), "keyWrite " + name);
      assertEquals(hcl.keyWritePrefix(name), json.keyWritePrefix(name), "keyWritePrefix " + name);
      assertEquals(hcl.serviceWrite(name), json.serviceWrite(name), "serviceWrite " + name);
      assertEquals(hcl.nodeWrite(name), json.nodeWrite(name), "nodeWrite " + name);
      assertEquals(hcl.sessionWrite(name), json.sessionWrite(name), "sessionWrite " + name);
      assertEquals(hcl.queryWrite(name), json.queryWrite(name), "queryWrite " + name);
      assertEquals(hcl.eventRead(name), json.eventRead(name), "eventRead " + name);
      assertEquals(hcl.agentWrite(name), json.agentWrite(name), "agentWrite " + name);
    }
    assertTrue(hcl.keyWrite("foo/x"));
    assertFalse(hcl.keyRead("foo/bar/baz"));
    assertFalse(hcl.operatorRead());
  }

  record Bad(String name, String hcl, String json, String error) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Bad> refused() {
    return Stream.of(
        new Bad("acl list", "acl = \"list\"", "{ \"acl\": \"list\" }", "Invalid acl policy: \"list\""),
        new Bad("agent", "agent \"foo\" { policy = \"nope\" }", "{ \"agent\": { \"foo\": { \"policy\": \"nope\" }}}",
            "Invalid agent policy: &acl.AgentRule{Node:\"foo\", Policy:\"nope\"}"),
        new Bad("agent_prefix", "agent_prefix \"foo\" { policy = \"nope\" }",
            "{ \"agent_prefix\": { \"foo\": { \"policy\": \"nope\" }}}",
            "Invalid agent_prefix policy: &acl.AgentRule{Node:\"foo\", Policy:\"nope\"}"),
        new Bad("key", "key \"foo\" { policy = \"nope\" }", "{ \"key\": { \"foo\": { \"policy\": \"nope\" }}}",
            "Invalid key policy: &acl.KeyRule{Prefix:\"foo\", Policy:\"nope\", EnterpriseRule:acl.EnterpriseRule{}}"),
        new Bad("key_prefix", "key_prefix \"foo\" { policy = \"nope\" }",
            "{ \"key_prefix\": { \"foo\": { \"policy\": \"nope\" }}}",
            "Invalid key_prefix policy: &acl.KeyRule{Prefix:\"foo\", Policy:\"nope\", "
                + "EnterpriseRule:acl.EnterpriseRule{}}"),
        new Bad("node", "node \"foo\" { policy = \"nope\" }", "{ \"node\": { \"foo\": { \"policy\": \"nope\" }}}",
            "Invalid node policy: &acl.NodeRule{Name:\"foo\", Policy:\"nope\", EnterpriseRule:acl.EnterpriseRule{}}"),
        new Bad("node list", "node_prefix \"\" { policy = \"list\" }",
            "{ \"node_prefix\": { \"\": { \"policy\": \"list\" }}}",
            "Invalid node_prefix policy: &acl.NodeRule{Name:\"\", Policy:\"list\", EnterpriseRule:acl.EnterpriseRule{}}"),
        new Bad("service", "service \"foo\" { policy = \"nope\" }",
            "{ \"service\": { \"foo\": { \"policy\": \"nope\" }}}",
            "Invalid service policy: &acl.ServiceRule{Name:\"foo\", Policy:\"nope\", Intentions:\"\", "
                + "EnterpriseRule:acl.EnterpriseRule{}}"),
        new Bad("service intentions", "service \"foo\" {\n policy = \"write\"\n intentions = \"foo\"\n}",
            "{ \"service\": { \"foo\": { \"policy\": \"write\", \"intentions\": \"foo\" }}}",
            "Invalid service intentions policy: &acl.ServiceRule{Name:\"foo\", Policy:\"write\", Intentions:\"foo\", "
                + "EnterpriseRule:acl.EnterpriseRule{}}"),
        new Bad("service_prefix", "service_prefix \"foo\" { policy = \"nope\" }",
            "{ \"service_prefix\": { \"foo\": { \"policy\": \"nope\" }}}", "Invalid service_prefix policy: "),
        new Bad("service without policy", "service \"foo\" { }", "{ \"service\": { \"foo\": {}}}",
            "Invalid service policy: &acl.ServiceRule{Name:\"foo\", Policy:\"\""),
        new Bad("session", "session \"foo\" { policy = \"nope\" }",
            "{ \"session\": { \"foo\": { \"policy\": \"nope\" }}}",
            "Invalid session policy: &acl.SessionRule{Node:\"foo\", Policy:\"nope\"}"),
        new Bad("session_prefix", "session_prefix \"foo\" { policy = \"nope\" }",
            "{ \"session_prefix\": { \"foo\": { \"policy\": \"nope\" }}}", "Invalid session_prefix policy: "),
        new Bad("event", "event \"foo\" { policy = \"nope\" }", "{ \"event\": { \"foo\": { \"policy\": \"nope\" }}}",
            "Invalid event policy: &acl.EventRule{Event:\"foo\", Policy:\"nope\"}"),
        new Bad("event_prefix", "event_prefix \"foo\" { policy = \"nope\" }",
            "{ \"event_prefix\": { \"foo\": { \"policy\": \"nope\" }}}", "Invalid event_prefix policy: "),
        new Bad("query", "query \"foo\" { policy = \"nope\" }", "{ \"query\": { \"foo\": { \"policy\": \"nope\" }}}",
            "Invalid query policy: &acl.PreparedQueryRule{Prefix:\"foo\", Policy:\"nope\"}"),
        new Bad("query_prefix", "query_prefix \"foo\" { policy = \"nope\" }",
            "{ \"query_prefix\": { \"foo\": { \"policy\": \"nope\" }}}", "Invalid query_prefix policy: "),
        new Bad("keyring", "keyring = \"nope\"", "{ \"keyring\": \"nope\" }", "Invalid keyring policy: \"nope\""),
        new Bad("operator", "operator = \"nope\"", "{ \"operator\": \"nope\" }", "Invalid operator policy: \"nope\""),
        new Bad("operator list", "operator = \"list\"", "{ \"operator\": \"list\" }",
            "Invalid operator policy: \"list\""),
        new Bad("mesh", "mesh = \"nope\"", "{ \"mesh\": \"nope\" }", "Invalid mesh policy: \"nope\""),
        new Bad("peering", "peering = \"nope\"", "{ \"peering\": \"nope\" }", "Invalid peering policy: \"nope\""),
        // Consul validates acl first, then the named rules in a fixed order, then keyring, operator, mesh, peering.
        new Bad("first invalid in Consul's order", "operator = \"x\"\nservice \"s\" { policy = \"x\" }\nacl = \"x\"",
            "{ \"operator\": \"x\", \"service\": { \"s\": { \"policy\": \"x\" }}, \"acl\": \"x\" }",
            "Invalid acl policy: \"x\""),
        new Bad("block where a word is expected", "operator { policy = \"read\" }",
            "{ \"operator\": { \"policy\": \"read\" } }", "Failed to parse ACL rules: operator: expected a string"),
        new Bad("word where a block is expected", "service = \"read\"", "{ \"service\": \"read\" }",
            "Failed to parse ACL rules: service: expected a block with a name"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void refusedInHcl(Bad c) {
    String message = assertThrows(AclRulesException.class, () -> PolicyRules.parse(c.hcl)).getMessage();
    assertTrue(message.startsWith(c.error), message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void refusedInJson(Bad c) {
    String message = assertThrows(AclRulesException.class, () -> PolicyRules.parse(c.json)).getMessage();
    assertTrue(message.startsWith(c.error), message);
  }

  @Test
  void syntaxErrorsAreFailedToParse() {
    String hcl = assertThrows(AclRulesException.class,
        () -> PolicyRules.parse("service \"foo\" {\n policy = \"read\"\n")).getMessage();
    assertEquals("Failed to parse ACL rules: line 1, column 15: '{' is never closed", hcl);
    String json = assertThrows(AclRulesException.class, () -> PolicyRules.parse("{ \"service\": ")).getMessage();
    assertTrue(json.startsWith("Failed to parse ACL rules: invalid JSON"), json);
  }

  @Test
  void emptyRulesAndEmptyWordsSetNothing() {
    assertEquals(List.of(), PolicyRules.parse("").rules());
    PolicyRules p = PolicyRules.parse("keyring = \"\"\noperator = \"\"\nmesh = \"\"\npeering = \"\"");
    for (Scope scope : Scope.values()) assertEquals(AccessLevel.UNSET, p.scope(scope), scope.word);
  }

  @Test
  void legacyEmptyKeyNameListAndCaseAreAccepted() {
    PolicyRules p = PolicyRules.parse("key \"\" { policy = \"Write\" }\nkey_prefix \"app/\" { policy = \"list\" }");
    assertEquals(List.of(new Rule(Resource.KEY, "", false, AccessLevel.WRITE),
        new Rule(Resource.KEY, "app/", true, AccessLevel.LIST)), p.rules());
  }

  @Test
  void unknownWordsAreIgnoredAsHashicorpHclDoes() {
    PolicyRules p = PolicyRules.parse("identity_prefix \"\" { policy = \"write\" }\nservice \"web\" {\n policy = \"read\"\n"
        + " sentinel {\n  code = \"x\"\n }\n}");
    assertEquals(List.of(new Rule(Resource.SERVICE, "web", false, AccessLevel.READ)), p.rules());
  }

  @Test
  void manyBlocksOfOneResourceAreAllKept() {
    PolicyRules p = PolicyRules.parse("service \"a\" { policy = \"read\" }\nservice \"b\" { policy = \"write\" }\n"
        + "service_prefix \"c\" { policy = \"deny\" }");
    assertEquals(List.of(new Rule(Resource.SERVICE, "a", false, AccessLevel.READ),
        new Rule(Resource.SERVICE, "b", false, AccessLevel.WRITE),
        new Rule(Resource.SERVICE, "c", true, AccessLevel.DENY)), p.rules());
  }
}
