package io.consulate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.consulate.agent.TestAgent.awaitTrue;
import static io.consulate.agent.TestAgent.dnsA;

import io.consulate.http.ApiClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server and two client agents in one JVM, over real sockets: the clients answer DNS and HTTP from their
 * mirrors, write through the server, are members of type client, go critical when they stop without leaving,
 * come back with what their data dir remembers, and re-sync what the catalog lost. In order: forming the
 * cluster is the slow part.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientAgentTest {
  @TempDir
  static Path data;
  static Agent server;
  static Agent a;
  static Agent b;

  @BeforeAll
  static void start() throws Exception {
    server = TestAgent.startServerForClients("s1", data.resolve("s1"));
    a = TestAgent.startClient("client-a", data.resolve("a"), server.serfLanPort());
    b = TestAgent.startClient("client-b", data.resolve("b"), server.serfLanPort());
  }

  @AfterAll
  static void stop() throws Exception {
    for (Agent x : new Agent[] {b, a, server}) TestAgent.stop(x);
  }

  @Test
  @Order(1)
  void membersSayWhoIsAServerAndWhoAClient() throws Exception {
    for (Agent x : List.of(server, a)) {
      try (ApiClient api = new ApiClient(x.httpPort())) {
        awaitTrue(() -> api.get("/v1/agent/members").bodyAsJsonArray().size() == 3);
        JsonArray members = api.get("/v1/agent/members").bodyAsJsonArray();
        for (Object o : members) {
          JsonObject m = (JsonObject) o;
          assertEquals(m.getString("Name").equals("s1") ? "consul" : "node", m.getJsonObject("Tags").getString("role"), m.encode());
          assertEquals(1, m.getInteger("Status"), m.encode());
        }
      }
    }
    try (ApiClient api = new ApiClient(a.httpPort())) {
      assertEquals(false, api.get("/v1/agent/self").bodyAsJsonObject().getJsonObject("Config").getBoolean("Server"));
      assertTrue(api.get("/v1/status/leader").bodyAsString().contains("127.0.0.1:"), "a client knows the leader");
    }
    try (ApiClient api = new ApiClient(server.httpPort())) {
      assertEquals(true, api.get("/v1/agent/self").bodyAsJsonObject().getJsonObject("Config").getBoolean("Server"));
      assertEquals(3, api.get("/v1/catalog/nodes").bodyAsJsonArray().size(), "each client registered its node");
    }
  }

  @Test
  @Order(2)
  void aRegistrationOnOneClientIsInDnsOnTheOther() throws Exception {
    try (ApiClient api = new ApiClient(a.httpPort())) {
      assertEquals(200, api.put("/v1/agent/service/register",
          "{\"ID\":\"web-a\",\"Name\":\"web\",\"Address\":\"127.0.0.51\",\"Port\":9001}").statusCode());
      assertEquals(1, api.get("/v1/catalog/service/web").bodyAsJsonArray().size(), "read-your-writes on the client");
    }
    awaitTrue(() -> dnsA(b, "web.service.consul.").equals(List.of("127.0.0.51")));
    awaitTrue(() -> dnsA(server, "web.service.consul.").equals(List.of("127.0.0.51")));
  }

  @Test
  @Order(3)
  void kvWrittenOnOneClientIsReadOnTheOtherAndConsistentReadsWork() throws Exception {
    try (ApiClient api = new ApiClient(a.httpPort())) {
      assertEquals("true", api.put("/v1/kv/app/color", "blue").bodyAsString());
    }
    try (ApiClient api = new ApiClient(b.httpPort())) {
      var res = api.get("/v1/kv/app/color?consistent&raw");
      assertEquals(200, res.statusCode());
      assertEquals("blue", res.bodyAsString());
      assertEquals("false", res.getHeader("X-Consul-KnownLeader").isEmpty() ? "" : "false");
    }
  }

  @Test
  @Order(4)
  void whatTheCatalogLosesTheClientRegistersAgainWithItsChecksResults() throws Exception {
    try (ApiClient api = new ApiClient(a.httpPort())) {
      assertEquals(200, api.put("/v1/agent/service/register",
          "{\"ID\":\"cache-a\",\"Name\":\"cache\",\"Port\":6379,\"Check\":{\"CheckID\":\"cache-ttl\",\"TTL\":\"60s\"}}").statusCode());
      assertEquals(200, api.put("/v1/agent/check/pass/cache-ttl", "").statusCode());
    }
    try (ApiClient api = new ApiClient(server.httpPort())) {
      awaitTrue(() -> api.get("/v1/health/service/cache?passing").bodyAsJsonArray().size() == 1);
      assertEquals(200, api.put("/v1/catalog/deregister", "{\"Node\":\"client-a\",\"ServiceID\":\"web-a\"}").statusCode());
      assertEquals(200, api.put("/v1/catalog/deregister", "{\"Node\":\"client-a\",\"ServiceID\":\"cache-a\"}").statusCode());
      assertEquals(0, api.get("/v1/catalog/service/cache").bodyAsJsonArray().size());
      awaitTrue(() -> api.get("/v1/catalog/service/web").bodyAsJsonArray().size() == 1);
      // Re-registered with the check's newest result (passing), not its initial status (critical).
      awaitTrue(() -> api.get("/v1/health/service/cache?passing").bodyAsJsonArray().size() == 1);
    }
  }

  @Test
  @Order(5)
  void aClientThatStopsWithoutLeavingGoesCriticalAndComesBack() throws Exception {
    TestAgent.stop(a);
    long stopped = System.nanoTime();
    awaitTrue(() -> dnsA(b, "web.service.consul.").isEmpty());
    long millis = (System.nanoTime() - stopped) / 1_000_000;
    assertTrue(millis < 10_000, "out of DNS after " + millis + " ms");
    try (ApiClient api = new ApiClient(server.httpPort())) {
      JsonObject serf = api.get("/v1/health/node/client-a").bodyAsJsonArray().stream().map(JsonObject.class::cast)
          .filter(c -> c.getString("CheckID").equals("serfHealth")).findFirst().orElseThrow();
      assertEquals("critical", serf.getString("Status"));
    }
    a = TestAgent.startClient("client-a", data.resolve("a"), null); // rejoins what its data dir remembers
    awaitTrue(() -> dnsA(b, "web.service.consul.").equals(List.of("127.0.0.51")));
  }

  @Test
  @Order(6)
  void aClientThatLeavesIsDeregistered() throws Exception {
    try (ApiClient api = new ApiClient(b.httpPort())) {
      assertEquals(200, api.put("/v1/agent/leave", "").statusCode());
    }
    b.left().toCompletableFuture().get(20, java.util.concurrent.TimeUnit.SECONDS);
    try (ApiClient api = new ApiClient(server.httpPort())) {
      awaitTrue(() -> api.get("/v1/catalog/nodes").bodyAsJsonArray().stream().map(JsonObject.class::cast)
          .noneMatch(n -> n.getString("Node").equals("client-b")));
      JsonObject member = api.get("/v1/agent/members").bodyAsJsonArray().stream().map(JsonObject.class::cast)
          .filter(m -> m.getString("Name").equals("client-b")).findFirst().orElseThrow();
      assertEquals(3, member.getInteger("Status"), "left");
    }
  }

  @Test
  @Order(7)
  void aLoneAgentJoinsLaterAsAClientAndBringsItsServices() throws Exception {
    Agent lone = TestAgent.startClient("late", data.resolve("late"), null);
    try (ApiClient api = new ApiClient(lone.httpPort())) {
      assertEquals(200, api.put("/v1/agent/service/register", "{\"ID\":\"db-1\",\"Name\":\"db\",\"Address\":\"127.0.0.61\",\"Port\":5432}").statusCode());
      assertEquals(200, api.put("/v1/agent/join/127.0.0.1:" + server.serfLanPort(), "").statusCode());
      assertEquals(4, api.get("/v1/agent/members").bodyAsJsonArray().size(), "the join returns once it is a member");
      awaitTrue(() -> dnsA(lone, "web.service.consul.").equals(List.of("127.0.0.51")));
    } finally {
      awaitTrue(() -> dnsA(server, "db.service.consul.").equals(List.of("127.0.0.61")));
      TestAgent.stop(lone);
    }
  }
}
