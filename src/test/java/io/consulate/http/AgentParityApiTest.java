package io.consulate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.agent.Agent;
import io.consulate.agent.TestAgent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Consul's agent endpoints that load balancers, scripts and the CLI use: the aggregated health of a local service,
 * the version and host, the list form of a node's services, and {@code ?hash} blocking on one registration.
 */
class AgentParityApiTest {
  private static Agent agent;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    agent = TestAgent.startDev();
    api = new ApiClient(agent.httpPort());
    for (String id : new String[] {"web-1", "web-2"}) {
      assertEquals(200, api.put("/v1/agent/service/register", "{\"ID\":\"" + id + "\",\"Name\":\"web\",\"Port\":80,"
          + "\"Check\":{\"CheckID\":\"ttl-" + id + "\",\"TTL\":\"60s\"}}").statusCode());
    }
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
    TestAgent.stop(agent);
  }

  @Test
  void aServicesHealthIsItsWorstCheckAsAnHttpStatus() throws Exception {
    api.put("/v1/agent/check/pass/ttl-web-1", "");
    api.put("/v1/agent/check/pass/ttl-web-2", "");
    HttpResponse<Buffer> passing = api.get("/v1/agent/health/service/id/web-1");
    assertEquals(200, passing.statusCode());
    JsonObject info = passing.bodyAsJsonObject();
    assertEquals("passing", info.getString("AggregatedStatus"));
    assertEquals("web-1", info.getJsonObject("Service").getString("ID"));
    assertEquals("ttl-web-1", info.getJsonArray("Checks").getJsonObject(0).getString("CheckID"));
    assertEquals(1, info.getJsonArray("Checks").size());
    assertEquals("passing", api.get("/v1/agent/health/service/id/web-1?format=text").bodyAsString());

    api.put("/v1/agent/check/warn/ttl-web-2", "");
    HttpResponse<Buffer> byName = api.get("/v1/agent/health/service/name/web");
    assertEquals(429, byName.statusCode());
    assertEquals(2, byName.bodyAsJsonArray().size());
    assertEquals("warning", api.get("/v1/agent/health/service/name/web?format=text").bodyAsString());

    api.put("/v1/agent/check/fail/ttl-web-1", "");
    assertEquals(503, api.get("/v1/agent/health/service/name/web").statusCode());
    api.put("/v1/agent/check/pass/ttl-web-1", "");
    api.put("/v1/agent/service/maintenance/web-1?enable=true&reason=deploy", "");
    HttpResponse<Buffer> maintenance = api.get("/v1/agent/health/service/id/web-1?format=text");
    assertEquals(503, maintenance.statusCode());
    assertEquals("maintenance", maintenance.bodyAsString());
    api.put("/v1/agent/service/maintenance/web-1?enable=false", "");
    assertEquals(200, api.get("/v1/agent/health/service/id/web-1").statusCode());
  }

  @Test
  void anUnknownServiceIs404InBothForms() throws Exception {
    HttpResponse<Buffer> json = api.get("/v1/agent/health/service/id/nope");
    assertEquals(404, json.statusCode());
    assertEquals(new JsonObject().put("AggregatedStatus", "critical").putNull("Service").putNull("Checks"), json.bodyAsJsonObject());
    assertEquals("ServiceId nope not found", api.get("/v1/agent/health/service/id/nope?format=text").bodyAsString());
    HttpResponse<Buffer> byName = api.get("/v1/agent/health/service/name/nope");
    assertEquals(404, byName.statusCode());
    assertEquals(new JsonArray(), byName.bodyAsJsonArray());
    assertEquals("ServiceName nope Not Found", api.get("/v1/agent/health/service/name/nope?format=text").bodyAsString());
  }

  @Test
  void versionAndHostDescribeThisAgentAndMachine() throws Exception {
    assertEquals("1.17.0", api.get("/v1/agent/version").bodyAsJsonObject().getString("HumanVersion"));
    JsonObject host = api.get("/v1/agent/host").bodyAsJsonObject();
    assertEquals(Files.readString(Path.of("/proc/sys/kernel/hostname")).trim(), host.getJsonObject("Host").getString("hostname"));
    assertTrue(host.getJsonObject("Memory").getLong("total") > 0);
    assertTrue(host.getJsonArray("CPU").size() >= 1);
    assertTrue(host.getJsonObject("Disk").getLong("total") > 0);
    assertEquals(null, host.getValue("Errors"));
  }

  @Test
  void nodeServicesListsTheNodesServices() throws Exception {
    JsonObject listing = api.get("/v1/catalog/node-services/test-node").bodyAsJsonObject();
    assertEquals("test-node", listing.getJsonObject("Node").getString("Node"));
    assertTrue(listing.getJsonArray("Services").stream().anyMatch(s -> ((JsonObject) s).getString("ID").equals("web-2")));
    JsonObject unknown = api.get("/v1/catalog/node-services/nowhere").bodyAsJsonObject();
    assertEquals(new JsonObject().putNull("Node").put("Services", new JsonArray()), unknown);
  }

  @Test
  void theServerKeepsTheConsulServiceOnItsNode() throws Exception {
    TestAgent.awaitTrue(() -> api.get("/v1/catalog/service/consul").bodyAsJsonArray().size() == 1);
    JsonObject consul = api.get("/v1/catalog/service/consul").bodyAsJsonArray().getJsonObject(0);
    assertEquals("test-node", consul.getString("Node"));
    assertEquals(8300, consul.getInteger("ServicePort"));
    assertEquals("1.17.0", consul.getJsonObject("ServiceMeta").getString("version"));
    assertEquals(java.util.List.of("127.0.0.1"), TestAgent.dnsA(agent, "consul.service.consul."));
    Thread.sleep(4_500); // two anti-entropy passes: the agent does not take the servers' service for a stray
    assertEquals(1, api.get("/v1/catalog/service/consul").bodyAsJsonArray().size());
  }

  @Test
  void aHashQueryWaitsForTheRegistrationToChange() throws Exception {
    assertEquals(200, api.put("/v1/agent/service/register", "{\"ID\":\"hashed\",\"Name\":\"hashed\",\"Port\":1}").statusCode());
    String hash = api.get("/v1/agent/service/hashed").getHeader("X-Consul-ContentHash");
    long t0 = System.nanoTime();
    HttpResponse<Buffer> unchanged = api.get("/v1/agent/service/hashed?hash=" + hash + "&wait=400ms");
    assertTrue(System.nanoTime() - t0 >= 400_000_000L, "answered before the wait without a change");
    assertEquals(hash, unchanged.getHeader("X-Consul-ContentHash"));

    CompletableFuture<HttpResponse<Buffer>> parked = CompletableFuture.supplyAsync(() -> {
      try {
        return api.get("/v1/agent/service/hashed?hash=" + hash + "&wait=30s");
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    });
    Thread.sleep(300);
    assertTrue(!parked.isDone(), "answered without a change");
    api.put("/v1/agent/service/register", "{\"ID\":\"hashed\",\"Name\":\"hashed\",\"Port\":2}");
    HttpResponse<Buffer> changed = parked.get(5, TimeUnit.SECONDS);
    assertNotEquals(hash, changed.getHeader("X-Consul-ContentHash"));
    assertEquals(2, changed.bodyAsJsonObject().getInteger("Port"));
  }
}
