package io.consulate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.agent.Agent;
import io.consulate.agent.TestAgent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The HTTP API of a running in-memory agent, over real sockets, asserting what a Consul client sees. */
class HttpApiTest {
  private static Agent agent;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    agent = TestAgent.startDev();
    api = new ApiClient(agent.httpPort());
    assertEquals(200, api.put("/v1/agent/service/register",
        "{\"ID\":\"web-1\",\"Name\":\"web\",\"Tags\":[\"v1\",\"primary\"],\"Address\":\"10.0.0.10\",\"Port\":8080,\"Meta\":{\"version\":\"1\"}}").statusCode());
    assertEquals(200, api.put("/v1/agent/service/register",
        "{\"id\":\"web-2\",\"name\":\"web\",\"tags\":[\"v2\"],\"port\":8081,\"enable_tag_override\":true}").statusCode());
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
    TestAgent.stop(agent);
  }

  @Test
  void catalogServiceHasConsulsFlatShape() throws Exception {
    HttpResponse<Buffer> res = api.get("/v1/catalog/service/web");
    JsonArray list = res.bodyAsJsonArray();
    assertEquals(2, list.size());
    JsonObject web1 = list.getJsonObject(0);
    assertEquals(List.of("ID", "Node", "Address", "Datacenter", "TaggedAddresses", "NodeMeta", "ServiceKind", "ServiceID",
        "ServiceName", "ServiceTags", "ServiceAddress", "ServiceWeights", "ServiceMeta", "ServicePort", "ServiceSocketPath",
        "ServiceEnableTagOverride", "ServiceProxy", "ServiceConnect", "CreateIndex", "ModifyIndex"),
        List.copyOf(web1.fieldNames()));
    assertEquals("test-node", web1.getString("Node"));
    assertEquals("dc1", web1.getString("Datacenter"));
    assertEquals("web-1", web1.getString("ServiceID"));
    assertEquals(8080, web1.getInteger("ServicePort"));
    assertEquals("1", web1.getJsonObject("ServiceMeta").getString("version"));
    assertTrue(list.getJsonObject(1).getBoolean("ServiceEnableTagOverride"), "snake_case key enable_tag_override accepted");
    assertTrue(Long.parseLong(res.getHeader("X-Consul-Index")) > 0);
    assertEquals("true", res.getHeader("X-Consul-KnownLeader"));
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0} -> {1}")
  @org.junit.jupiter.params.provider.CsvSource({"'', leader", "?stale, stale", "?consistent, consistent"})
  void theEffectiveConsistencyHeaderSaysHowALoneLeaderServedTheRead(String query, String effective) throws Exception {
    var res = api.get("/v1/catalog/service/web" + query);
    assertEquals(200, res.statusCode());
    assertEquals(effective, res.getHeader("X-Consul-Effective-Consistency"));
    assertEquals("0", res.getHeader("X-Consul-LastContact"));
  }

  @Test
  void staleAndConsistentTogetherAreRefused() throws Exception {
    var res = api.get("/v1/kv/anything?stale&consistent");
    assertEquals(400, res.statusCode());
    assertEquals("Cannot specify ?stale with ?consistent, conflicting semantics.", res.bodyAsString());
  }

  @Test
  void tagFilterAndHealthEntriesCarrySerfHealth() throws Exception {
    JsonArray tagged = api.get("/v1/catalog/service/web?tag=v2").bodyAsJsonArray();
    assertEquals(1, tagged.size());
    assertEquals("web-2", tagged.getJsonObject(0).getString("ServiceID"));
    JsonArray health = api.get("/v1/health/service/web?passing").bodyAsJsonArray();
    assertEquals(2, health.size());
    JsonObject first = health.getJsonObject(0);
    assertEquals("web", first.getJsonObject("Service").getString("Service"));
    assertEquals("serfHealth", first.getJsonArray("Checks").getJsonObject(0).getString("CheckID"));
  }

  @Test
  void catalogServicesListsNamesWithTags() throws Exception {
    JsonObject services = api.get("/v1/catalog/services").bodyAsJsonObject();
    assertEquals(new JsonArray().add("primary").add("v1").add("v2"), services.getJsonArray("web"));
  }

  @Test
  void agentServicesAreKeyedById() throws Exception {
    JsonObject services = api.get("/v1/agent/services").bodyAsJsonObject();
    assertEquals("web", services.getJsonObject("web-1").getString("Service"));
    assertEquals(8081, services.getJsonObject("web-2").getInteger("Port"));
  }

  @Test
  void idDefaultsToNameAndDeregisterRemovesIt() throws Exception {
    assertEquals(200, api.put("/v1/agent/service/register", "{\"Name\":\"solo\",\"Port\":1}").statusCode());
    assertEquals("solo", api.get("/v1/catalog/service/solo").bodyAsJsonArray().getJsonObject(0).getString("ServiceID"));
    assertEquals(200, api.put("/v1/agent/service/deregister/solo", null).statusCode());
    assertEquals(0, api.get("/v1/catalog/service/solo").bodyAsJsonArray().size());
  }

  @Test
  void externalServiceThroughCatalogRegisterHonoursPassing() throws Exception {
    String body = "{\"Node\":\"ext\",\"Address\":\"192.0.2.5\",\"Service\":{\"Service\":\"legacy\",\"Port\":25},"
        + "\"Check\":{\"CheckID\":\"legacy-up\",\"Name\":\"legacy up\",\"Status\":\"critical\",\"ServiceID\":\"legacy\"}}";
    HttpResponse<Buffer> res = api.put("/v1/catalog/register", body);
    assertEquals(200, res.statusCode());
    assertEquals("true", res.bodyAsString());
    assertEquals(1, api.get("/v1/health/service/legacy").bodyAsJsonArray().size());
    assertEquals(0, api.get("/v1/health/service/legacy?passing").bodyAsJsonArray().size());
    assertEquals("critical", api.get("/v1/health/checks/legacy").bodyAsJsonArray().getJsonObject(0).getString("Status"));
    assertEquals(200, api.put("/v1/catalog/deregister", "{\"Node\":\"ext\"}").statusCode());
    assertEquals(0, api.get("/v1/health/service/legacy").bodyAsJsonArray().size());
  }

  record BadRequest(String name, HttpMethod method, String uri, String body, int status, String reasonStart) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<BadRequest> badRequests() {
    return Stream.of(
        new BadRequest("malformed JSON -> 400", HttpMethod.PUT, "/v1/agent/service/register", "{\"Name\": \"x\", ", 400,
            "Request decode failed: invalid JSON"),
        new BadRequest("missing Name -> 400", HttpMethod.PUT, "/v1/agent/service/register", "{\"Port\": 1}", 400,
            "Missing service name"),
        new BadRequest("Port as letters -> 400 naming Port", HttpMethod.PUT, "/v1/agent/service/register",
            "{\"Name\":\"x\",\"Port\":\"abc\"}", 400, "Request decode failed: Port: expected an integer"),
        new BadRequest("Tags not a list -> 400 naming Tags", HttpMethod.PUT, "/v1/agent/service/register",
            "{\"Name\":\"x\",\"Tags\":\"a\"}", 400, "Request decode failed: Tags: expected a list of strings"),
        new BadRequest("bad check status -> 400", HttpMethod.PUT, "/v1/agent/service/register",
            "{\"Name\":\"x\",\"Check\":{\"TTL\":\"10s\",\"Status\":\"fine\"}}", 400, "Invalid check: Status"),
        new BadRequest("unknown service id -> 404", HttpMethod.PUT, "/v1/agent/service/deregister/nope", null, 404,
            "Unknown service ID \"nope\""),
        new BadRequest("unknown path -> 404", HttpMethod.GET, "/v1/nope", null, 404, "Invalid URL path"),
        new BadRequest("wrong method -> 405", HttpMethod.DELETE, "/v1/catalog/services", null, 405,
            "method DELETE not allowed"),
        new BadRequest("bad ?passing -> 400", HttpMethod.GET, "/v1/health/service/web?passing=maybe", null, 400,
            "Invalid value for ?passing"),
        new BadRequest("bad ?wait -> 400", HttpMethod.GET, "/v1/catalog/services?index=1&wait=60", null, 400,
            "Invalid wait time"),
        new BadRequest("other datacenter -> 500", HttpMethod.GET, "/v1/catalog/services?dc=dc9", null, 500,
            "No path to datacenter"),
        new BadRequest("catalog register without node -> 500", HttpMethod.PUT, "/v1/catalog/register", "{}", 500,
            "Must provide node"),
        new BadRequest("body over 1 MiB -> 413", HttpMethod.PUT, "/v1/agent/service/register",
            "a".repeat(1_100_000), 413, "Request body too large"));
  }

  @ParameterizedTest
  @MethodSource("badRequests")
  void badInputGetsAClearError(BadRequest c) throws Exception {
    HttpResponse<Buffer> res = api.send(c.method(), c.uri(), c.body());
    assertEquals(c.status(), res.statusCode(), c.name());
    assertTrue(res.bodyAsString().startsWith(c.reasonStart()), c.name() + ": got \"" + res.bodyAsString() + "\"");
  }

  @Test
  void wrongMethodNamesTheAllowedOnes() throws Exception {
    assertEquals("OPTIONS,GET", api.send(HttpMethod.POST, "/v1/catalog/services", null).getHeader("Allow"));
  }

  @Test
  void statusLeaderAndPeersNameThisServer() throws Exception {
    assertEquals("\"127.0.0.1:8300\"", api.get("/v1/status/leader").bodyAsString());
    assertEquals(new JsonArray().add("127.0.0.1:8300"), api.get("/v1/status/peers").bodyAsJsonArray());
  }

  @Test
  void prettyPrintsIndented() throws Exception {
    assertTrue(api.get("/v1/catalog/datacenters?pretty").bodyAsString().contains("\n"));
  }
}
