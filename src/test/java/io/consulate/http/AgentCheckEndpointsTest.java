package io.consulate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.agent.Agent;
import io.consulate.agent.TestAgent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The agent's check API: TTL reports, maintenance mode, validation; read back as a Consul client would. */
class AgentCheckEndpointsTest {
  private static Agent agent;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    agent = TestAgent.startDev();
    api = new ApiClient(agent.httpPort());
    api.put("/v1/agent/service/register", "{\"ID\":\"app\",\"Name\":\"app\",\"Port\":1,\"Check\":{\"TTL\":\"60s\"}}");
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
    TestAgent.stop(agent);
  }

  private JsonObject check(String id) throws Exception {
    return api.get("/v1/agent/checks").bodyAsJsonObject().getJsonObject(id);
  }

  @Test
  void ttlReportsAreVisibleWhenTheCallReturns() throws Exception {
    assertEquals(200, api.put("/v1/agent/check/pass/service:app?note=ready", null).statusCode());
    assertEquals("passing", check("service:app").getString("Status"));
    assertEquals("ready", check("service:app").getString("Output"));
    assertEquals(1, api.get("/v1/health/service/app?passing").bodyAsJsonArray().size());
    assertEquals(200, api.put("/v1/agent/check/update/service:app", "{\"Status\":\"warning\",\"Output\":\"slow\"}").statusCode());
    assertEquals("warning", check("service:app").getString("Status"));
    assertEquals("ttl", check("service:app").getString("Type"));
  }

  @Test
  void nodeMaintenanceTakesEveryServiceOutOfPassing() throws Exception {
    api.put("/v1/agent/check/pass/service:app", null);
    assertEquals(200, api.put("/v1/agent/maintenance?enable=true&reason=kernel+upgrade", null).statusCode());
    JsonObject maint = check("_node_maintenance");
    assertEquals("critical", maint.getString("Status"));
    assertEquals("kernel upgrade", maint.getString("Notes"));
    assertEquals(0, api.get("/v1/health/service/app?passing").bodyAsJsonArray().size());
    assertEquals(200, api.put("/v1/agent/maintenance?enable=false", null).statusCode());
    assertEquals(1, api.get("/v1/health/service/app?passing").bodyAsJsonArray().size());
  }

  @Test
  void standaloneCheckBoundToAServiceCarriesItsName() throws Exception {
    assertEquals(200, api.put("/v1/agent/check/register",
        "{\"Name\":\"app-ttl\",\"ServiceID\":\"app\",\"TTL\":\"30s\",\"Status\":\"passing\"}").statusCode());
    JsonArray checks = api.get("/v1/health/checks/app").bodyAsJsonArray();
    assertTrue(checks.stream().map(JsonObject.class::cast).anyMatch(c ->
        c.getString("CheckID").equals("app-ttl") && c.getString("ServiceName").equals("app")), checks.encode());
    assertEquals(200, api.put("/v1/agent/check/deregister/app-ttl", null).statusCode());
    assertEquals(null, check("app-ttl"));
  }

  @Test
  void badCheckRequestsGetClearErrors() throws Exception {
    assertEquals(404, api.put("/v1/agent/check/pass/nope", null).statusCode());
    assertEquals(404, api.put("/v1/agent/check/deregister/nope", null).statusCode());
    assertEquals(404, api.put("/v1/agent/service/maintenance/nope?enable=true", null).statusCode());
    assertEquals(400, api.put("/v1/agent/check/register", "{\"TTL\":\"10s\"}").statusCode(), "missing name");
    assertEquals(404, api.put("/v1/agent/check/register", "{\"Name\":\"x\",\"ServiceID\":\"ghost\",\"TTL\":\"10s\"}").statusCode());
    var script = api.put("/v1/agent/check/register", "{\"Name\":\"evil\",\"Args\":[\"id\"],\"Interval\":\"10s\"}");
    assertEquals(400, script.statusCode());
    assertTrue(script.bodyAsString().contains("enable_script_checks"), script.bodyAsString());
    var docker = api.put("/v1/agent/check/register", "{\"Name\":\"d\",\"DockerContainerID\":\"abc\",\"Interval\":\"10s\"}");
    assertEquals(400, docker.statusCode());
    assertTrue(docker.bodyAsString().contains("Docker"), docker.bodyAsString());
    api.put("/v1/agent/check/register", "{\"Name\":\"tcp-one\",\"TCP\":\"127.0.0.1:1\",\"Interval\":\"1h\"}");
    var notTtl = api.put("/v1/agent/check/pass/tcp-one", null);
    assertEquals(400, notTtl.statusCode());
    assertTrue(notTtl.bodyAsString().contains("does not have associated TTL"), notTtl.bodyAsString());
    api.put("/v1/agent/check/deregister/tcp-one", null); // a critical node check would fail the other tests
  }
}
