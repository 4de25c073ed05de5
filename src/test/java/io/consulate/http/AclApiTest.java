package io.consulate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.agent.Agent;
import io.consulate.agent.TestAgent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * ACLs end to end on a real agent with {@code default_policy = "deny"}: what anonymous callers get, a service
 * token that may register its service and nothing else, filtered reads and their header, KV rules, the DNS token,
 * the ACL endpoints' answers and Consul's messages.
 */
class AclApiTest {
  static final String MANAGEMENT = "c0ffee00-0000-4000-8000-000000000001";
  static final String DNS_TOKEN = "d0d0d0d0-0000-4000-8000-000000000002";
  static Agent agent;
  static ApiClient api;
  static Path dir;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("acl-api");
    Path config = dir.resolve("acl.hcl");
    Files.writeString(config, "acl {\n enabled = true\n default_policy = \"deny\"\n tokens {\n  initial_management = \""
        + MANAGEMENT + "\"\n  dns = \"" + DNS_TOKEN + "\"\n }\n}\n");
    agent = TestAgent.startDevWithConfig(config);
    api = new ApiClient(agent.httpPort());
    TestAgent.awaitTrue(() -> as(MANAGEMENT, HttpMethod.GET, "/v1/acl/token/self", null).statusCode() == 200);
    for (String svc : new String[] {"web", "db"}) {
      assertEquals(200, as(MANAGEMENT, HttpMethod.PUT, "/v1/agent/service/register",
          "{\"Name\":\"" + svc + "\",\"Address\":\"10.9.0." + (svc.equals("web") ? 1 : 2) + "\",\"Port\":80}").statusCode());
    }
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
    TestAgent.stop(agent);
  }

  static HttpResponse<Buffer> as(String token, HttpMethod method, String uri, String body) throws Exception {
    return api.send(method, uri, body, token);
  }

  /** A policy with these rules, and a token linking it by name: the token's SecretID. */
  static String tokenWith(String policy, String rules) throws Exception {
    HttpResponse<Buffer> p = as(MANAGEMENT, HttpMethod.PUT, "/v1/acl/policy",
        new JsonObject().put("Name", policy).put("Rules", rules).encode());
    assertEquals(200, p.statusCode(), p.bodyAsString());
    HttpResponse<Buffer> t = as(MANAGEMENT, HttpMethod.PUT, "/v1/acl/token", new JsonObject().put("Description", policy)
        .put("Policies", new JsonArray().add(new JsonObject().put("Name", policy))).encode());
    assertEquals(200, t.statusCode(), t.bodyAsString());
    return t.bodyAsJsonObject().getString("SecretID");
  }

  @Test
  void anonymousWritesAreRefusedAndReadsFiltered() throws Exception {
    HttpResponse<Buffer> write = as(null, HttpMethod.PUT, "/v1/agent/service/register", "{\"Name\":\"x\",\"Port\":1}");
    assertEquals(403, write.statusCode());
    assertEquals("Permission denied: anonymous token lacks permission 'service:write' on \"x\". The anonymous token is"
        + " used implicitly when a request does not specify a token.", write.bodyAsString());
    assertEquals(403, as(null, HttpMethod.PUT, "/v1/kv/a", "v").statusCode());
    HttpResponse<Buffer> services = as(null, HttpMethod.GET, "/v1/catalog/services", null);
    assertEquals(200, services.statusCode());
    assertEquals(new JsonObject(), services.bodyAsJsonObject());
    assertEquals("deny", services.getHeader("X-Consul-Default-ACL-Policy"));
    assertNull(services.getHeader("X-Consul-Results-Filtered-By-ACLs"), "not told to an anonymous caller, as Consul");
    assertEquals(new JsonArray(), as(null, HttpMethod.GET, "/v1/health/service/web", null).bodyAsJsonArray());
    assertEquals(403, as(null, HttpMethod.GET, "/v1/agent/self", null).statusCode());
  }

  @Test
  void anUnknownTokenIsRefusedEverywhere() throws Exception {
    HttpResponse<Buffer> r = as("no-such-token", HttpMethod.GET, "/v1/catalog/services", null);
    assertEquals(403, r.statusCode());
    assertEquals("ACL not found", r.bodyAsString());
    HttpResponse<Buffer> bearer = api.send(HttpMethod.GET, "/v1/catalog/services?token=" + MANAGEMENT, null);
    assertTrue(bearer.bodyAsJsonObject().containsKey("web"), "?token= is a token too");
  }

  @Test
  void aServiceTokenRegistersItsServiceAndNothingElse() throws Exception {
    String token = tokenWith("api-write", "service \"api\" { policy = \"write\" }\nservice_prefix \"\" { policy = \"read\" }\n"
        + "node_prefix \"\" { policy = \"read\" }");
    assertEquals(200, as(token, HttpMethod.PUT, "/v1/agent/service/register", "{\"Name\":\"api\",\"Port\":8080}").statusCode());
    HttpResponse<Buffer> other = as(token, HttpMethod.PUT, "/v1/agent/service/register", "{\"Name\":\"billing\",\"Port\":1}");
    assertEquals(403, other.statusCode());
    assertTrue(other.bodyAsString().matches("Permission denied: token with AccessorID '[0-9a-f-]{36}' lacks permission "
        + "'service:write' on \"billing\""), other.bodyAsString());
    assertEquals(403, as(token, HttpMethod.PUT, "/v1/agent/service/deregister/web", null).statusCode());
    assertEquals(403, as(token, HttpMethod.PUT, "/v1/kv/app/x", "1").statusCode());
    assertTrue(as(token, HttpMethod.GET, "/v1/catalog/services", null).bodyAsJsonObject().containsKey("api"));
    assertEquals(200, as(token, HttpMethod.PUT, "/v1/agent/service/deregister/api", null).statusCode());
  }

  @Test
  void aPartialReadIsFilteredAndSaysSo() throws Exception {
    String token = tokenWith("web-read", "service \"web\" { policy = \"read\" }\nnode_prefix \"\" { policy = \"read\" }");
    HttpResponse<Buffer> r = as(token, HttpMethod.GET, "/v1/catalog/services", null);
    assertEquals(List.of("web"), List.copyOf(r.bodyAsJsonObject().fieldNames()));
    assertEquals("true", r.getHeader("X-Consul-Results-Filtered-By-ACLs"));
    HttpResponse<Buffer> all = as(MANAGEMENT, HttpMethod.GET, "/v1/catalog/services", null);
    assertTrue(all.bodyAsJsonObject().containsKey("db"));
    assertNull(all.getHeader("X-Consul-Results-Filtered-By-ACLs"));
    assertEquals(1, as(token, HttpMethod.GET, "/v1/health/service/web", null).bodyAsJsonArray().size());
    assertEquals(new JsonArray(), as(token, HttpMethod.GET, "/v1/catalog/service/db", null).bodyAsJsonArray());
  }

  @Test
  void keyRulesDecideReadsWritesAndListings() throws Exception {
    assertEquals(200, as(MANAGEMENT, HttpMethod.PUT, "/v1/kv/app/config", "on").statusCode());
    assertEquals(200, as(MANAGEMENT, HttpMethod.PUT, "/v1/kv/app/secret/password", "hunter2").statusCode());
    String token = tokenWith("app-kv", "key_prefix \"app/\" { policy = \"write\" }\nkey_prefix \"app/secret/\" { policy = \"deny\" }");
    assertEquals(200, as(token, HttpMethod.GET, "/v1/kv/app/config?raw", null).statusCode());
    HttpResponse<Buffer> secret = as(token, HttpMethod.GET, "/v1/kv/app/secret/password", null);
    assertEquals(403, secret.statusCode());
    assertTrue(secret.bodyAsString().endsWith("lacks permission 'key:read' on \"app/secret/password\""), secret.bodyAsString());
    HttpResponse<Buffer> keys = as(token, HttpMethod.GET, "/v1/kv/app/?keys", null);
    assertEquals(new JsonArray().add("app/config"), keys.bodyAsJsonArray());
    assertEquals("true", keys.getHeader("X-Consul-Results-Filtered-By-ACLs"));
    assertEquals(200, as(token, HttpMethod.PUT, "/v1/kv/app/new", "1").statusCode());
    assertEquals(403, as(token, HttpMethod.DELETE, "/v1/kv/app/?recurse", null).statusCode(),
        "a recursive delete needs write on everything under the prefix");
  }

  @Test
  void dnsAnswersWithTheDnsToken() throws Exception {
    assertEquals(Rcode.NXDOMAIN, rcode("web.service.consul."), "the dns token does not exist yet: nothing is readable");
    HttpResponse<Buffer> p = as(MANAGEMENT, HttpMethod.PUT, "/v1/acl/policy", new JsonObject().put("Name", "dns")
        .put("Rules", "service \"web\" { policy = \"read\" }\nnode_prefix \"\" { policy = \"read\" }").encode());
    assertEquals(200, p.statusCode(), p.bodyAsString());
    HttpResponse<Buffer> t = as(MANAGEMENT, HttpMethod.PUT, "/v1/acl/token", new JsonObject().put("SecretID", DNS_TOKEN)
        .put("Description", "DNS").put("Policies", new JsonArray().add(new JsonObject().put("Name", "dns"))).encode());
    assertEquals(200, t.statusCode(), t.bodyAsString());
    assertEquals(List.of("10.9.0.1"), TestAgent.dnsA(agent, "web.service.consul."));
    assertEquals(Rcode.NXDOMAIN, rcode("db.service.consul."), "a service the dns token cannot read");
    assertEquals(Rcode.NOERROR, rcode("test-node.node.consul."));
  }

  @Test
  void bootstrapIsDoneOnceAndTokensAreManaged() throws Exception {
    HttpResponse<Buffer> again = as(null, HttpMethod.PUT, "/v1/acl/bootstrap", null);
    assertEquals(403, again.statusCode());
    assertTrue(again.bodyAsString().matches("Permission denied: ACL bootstrap no longer allowed \\(reset index: \\d+\\)"),
        again.bodyAsString());
    JsonObject self = as(MANAGEMENT, HttpMethod.GET, "/v1/acl/token/self", null).bodyAsJsonObject();
    assertEquals(MANAGEMENT, self.getString("SecretID"));
    assertEquals("global-management", self.getJsonArray("Policies").getJsonObject(0).getString("Name"));

    String reader = tokenWith("acl-read", "acl = \"read\"");
    HttpResponse<Buffer> list = as(reader, HttpMethod.GET, "/v1/acl/tokens", null);
    assertEquals(200, list.statusCode());
    assertTrue(list.bodyAsJsonArray().stream().allMatch(o -> ((JsonObject) o).getString("SecretID").equals("<hidden>")));
    assertEquals(403, as(reader, HttpMethod.PUT, "/v1/acl/policy", "{\"Name\":\"x\"}").statusCode());
    String readerAccessor = as(reader, HttpMethod.GET, "/v1/acl/token/self", null).bodyAsJsonObject().getString("AccessorID");

    HttpResponse<Buffer> clone = as(MANAGEMENT, HttpMethod.PUT, "/v1/acl/token/" + readerAccessor + "/clone",
        "{\"Description\":\"copy\"}");
    assertEquals("acl-read", clone.bodyAsJsonObject().getJsonArray("Policies").getJsonObject(0).getString("Name"));
    String copy = clone.bodyAsJsonObject().getString("AccessorID");
    assertEquals("true", as(MANAGEMENT, HttpMethod.DELETE, "/v1/acl/token/" + copy, null).bodyAsString());
    assertEquals("Requested token does not exist: ACL not found",
        as(MANAGEMENT, HttpMethod.GET, "/v1/acl/token/" + copy, null).bodyAsString());

    HttpResponse<Buffer> anonymous = as(MANAGEMENT, HttpMethod.DELETE, "/v1/acl/token/00000000-0000-0000-0000-000000000002", null);
    assertEquals(500, anonymous.statusCode());
    assertEquals("Delete operation not permitted on the anonymous token", anonymous.bodyAsString());
    HttpResponse<Buffer> missing = as(MANAGEMENT, HttpMethod.PUT, "/v1/acl/token",
        "{\"Policies\":[{\"Name\":\"no-such-policy\"}]}");
    assertEquals("No such ACL policy with name \"no-such-policy\"", missing.bodyAsString());
  }

  @Test
  void policiesAndRolesHaveConsulsRules() throws Exception {
    HttpResponse<Buffer> bad = as(MANAGEMENT, HttpMethod.PUT, "/v1/acl/policy", "{\"Name\":\"bad\",\"Rules\":\"key \\\"x\\\" { policy = \\\"sideways\\\" }\"}");
    assertEquals(500, bad.statusCode());
    assertTrue(bad.bodyAsString().startsWith("Invalid key policy"), bad.bodyAsString());
    HttpResponse<Buffer> builtin = as(MANAGEMENT, HttpMethod.DELETE, "/v1/acl/policy/00000000-0000-0000-0000-000000000001", null);
    assertEquals("Delete operation not permitted on the builtin global-management policy", builtin.bodyAsString());
    JsonObject p = as(MANAGEMENT, HttpMethod.PUT, "/v1/acl/policy", "{\"Name\":\"ops\",\"Rules\":\"operator = \\\"read\\\"\"}")
        .bodyAsJsonObject();
    assertEquals("ops", as(MANAGEMENT, HttpMethod.GET, "/v1/acl/policy/name/ops", null).bodyAsJsonObject().getString("Name"));
    HttpResponse<Buffer> dup = as(MANAGEMENT, HttpMethod.PUT, "/v1/acl/policy", "{\"Name\":\"ops\"}");
    assertEquals("Invalid Policy: A Policy with Name \"ops\" already exists", dup.bodyAsString());
    HttpResponse<Buffer> role = as(MANAGEMENT, HttpMethod.PUT, "/v1/acl/role",
        "{\"Name\":\"operators\",\"Policies\":[{\"ID\":\"" + p.getString("ID") + "\"}]}");
    assertEquals(200, role.statusCode(), role.bodyAsString());
    HttpResponse<Buffer> t = as(MANAGEMENT, HttpMethod.PUT, "/v1/acl/token", "{\"Roles\":[{\"Name\":\"operators\"}]}");
    String secret = t.bodyAsJsonObject().getString("SecretID");
    assertEquals(403, as(secret, HttpMethod.PUT, "/v1/agent/force-leave/x", null).statusCode(), "operator:read only");
    assertEquals(200, as(secret, HttpMethod.GET, "/v1/agent/host", null).statusCode(), "operator:read through the role");
    assertFalse(as(MANAGEMENT, HttpMethod.GET, "/v1/acl/policies", null).bodyAsJsonArray().getJsonObject(0).containsKey("Rules"));
  }

  @Test
  void theAgentsDefaultTokenCanBeSetAtRunTime() throws Exception {
    String reader = tokenWith("web-only", "service \"web\" { policy = \"read\" }\nnode_prefix \"\" { policy = \"read\" }");
    assertEquals(403, as(null, HttpMethod.PUT, "/v1/agent/token/default", "{\"Token\":\"" + reader + "\"}").statusCode());
    assertEquals(200, as(MANAGEMENT, HttpMethod.PUT, "/v1/agent/token/default", "{\"Token\":\"" + reader + "\"}").statusCode());
    try {
      assertEquals(List.of("web"), List.copyOf(as(null, HttpMethod.GET, "/v1/catalog/services", null).bodyAsJsonObject().fieldNames()),
          "a request without a token is made with the default token");
    } finally {
      assertEquals(200, as(MANAGEMENT, HttpMethod.PUT, "/v1/agent/token/default", "{\"Token\":\"\"}").statusCode());
    }
    assertEquals(404, as(MANAGEMENT, HttpMethod.PUT, "/v1/agent/token/bogus", "{\"Token\":\"x\"}").statusCode());
    assertEquals(new JsonObject(), as(null, HttpMethod.GET, "/v1/catalog/services", null).bodyAsJsonObject());
  }

  @Test
  void aTxnCannotNameItsWayIntoAnotherService() throws Exception {
    String token = tokenWith("web-txn", "service \"web\" { policy = \"write\" }\nnode_prefix \"\" { policy = \"read\" }\n"
        + "key_prefix \"\" { policy = \"read\" }\nkey_prefix \"hidden/\" { policy = \"deny\" }");
    HttpResponse<Buffer> claim = as(token, HttpMethod.PUT, "/v1/txn", "[{\"Service\":{\"Verb\":\"set\",\"Node\":\"test-node\","
        + "\"Service\":{\"ID\":\"db\",\"Service\":\"web\",\"Port\":1}}}]");
    assertEquals(409, claim.statusCode(), claim.bodyAsString());
    assertTrue(claim.bodyAsString().contains("lacks permission 'service:write' on \\\"db\\\""), claim.bodyAsString());
    assertEquals(200, as(MANAGEMENT, HttpMethod.PUT, "/v1/kv/hidden/x", "secret").statusCode());
    HttpResponse<Buffer> tree = as(token, HttpMethod.PUT, "/v1/txn", "[{\"KV\":{\"Verb\":\"get-tree\",\"Key\":\"\"}}]");
    assertEquals(200, tree.statusCode(), tree.bodyAsString());
    assertFalse(tree.bodyAsString().contains("hidden/x"), "a tree read shows only readable keys: " + tree.bodyAsString());
  }

  @Test
  void aRevokedRightTakesEffectAtOnceEvenForCachedReads() throws Exception {
    String token = tokenWith("revocable", "service_prefix \"\" { policy = \"read\" }\nnode_prefix \"\" { policy = \"read\" }");
    assertTrue(as(token, HttpMethod.GET, "/v1/catalog/services", null).bodyAsJsonObject().containsKey("db"));
    String id = as(MANAGEMENT, HttpMethod.GET, "/v1/acl/policy/name/revocable", null).bodyAsJsonObject().getString("ID");
    assertEquals(200, as(MANAGEMENT, HttpMethod.PUT, "/v1/acl/policy/" + id, "{\"Name\":\"revocable\",\"Rules\":"
        + "\"service \\\"web\\\" { policy = \\\"read\\\" }\\nnode_prefix \\\"\\\" { policy = \\\"read\\\" }\"}").statusCode());
    assertEquals(List.of("web"), List.copyOf(as(token, HttpMethod.GET, "/v1/catalog/services", null).bodyAsJsonObject().fieldNames()));
  }

  @Test
  void aPreparedQuerysTokenIsHiddenFromReaders() throws Exception {
    HttpResponse<Buffer> q = as(MANAGEMENT, HttpMethod.POST, "/v1/query",
        "{\"Name\":\"web-q\",\"Token\":\"" + MANAGEMENT + "\",\"Service\":{\"Service\":\"web\"}}");
    assertEquals(200, q.statusCode(), q.bodyAsString());
    String reader = tokenWith("query-read", "query_prefix \"\" { policy = \"read\" }");
    JsonObject seen = as(reader, HttpMethod.GET, "/v1/query/" + q.bodyAsJsonObject().getString("ID"), null).bodyAsJsonArray().getJsonObject(0);
    assertEquals("<hidden>", seen.getString("Token"));
    assertEquals(MANAGEMENT, as(MANAGEMENT, HttpMethod.GET, "/v1/query/" + q.bodyAsJsonObject().getString("ID"), null)
        .bodyAsJsonArray().getJsonObject(0).getString("Token"));
  }

  private static int rcode(String name) throws Exception {
    SimpleResolver r = new SimpleResolver(new InetSocketAddress("127.0.0.1", agent.dnsUdpPort()));
    r.setTimeout(Duration.ofSeconds(2));
    Message reply = r.send(Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN)));
    return reply.getRcode();
  }
}
