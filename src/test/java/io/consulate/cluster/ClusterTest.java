package io.consulate.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.consulate.agent.TestAgent.awaitTrue;
import static io.consulate.agent.TestAgent.dnsA;

import io.consulate.agent.Agent;
import io.consulate.agent.TestAgent;
import io.consulate.http.ApiClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real clustered agents in one JVM (JGroups on ephemeral loopback ports): one catalog, one index, and a
 * member that stops without leaving loses its services from DNS on the others. The tests share the cluster
 * and run in order, because forming it is the slow part.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {
  @TempDir
  static Path data;
  static final List<Agent> agents = new ArrayList<>();

  @BeforeAll
  static void formCluster() throws Exception {
    Agent first = TestAgent.startClustered("c1", data.resolve("c1"), null);
    agents.add(first);
    agents.add(TestAgent.startClustered("c2", data.resolve("c2"), first.serfLanPort()));
    agents.add(TestAgent.startClustered("c3", data.resolve("c3"), first.serfLanPort()));
  }

  @AfterAll
  static void stop() throws Exception {
    for (Agent a : agents) TestAgent.stop(a);
  }

  @Test
  @Order(1)
  void everyAgentSeesThreeAliveMembersAndTheSameLeader() throws Exception {
    List<String> leaders = new ArrayList<>();
    for (Agent a : agents) {
      try (ApiClient api = new ApiClient(a.httpPort())) {
        awaitTrue(() -> api.get("/v1/agent/members").bodyAsJsonArray().stream()
            .filter(m -> ((io.vertx.core.json.JsonObject) m).getInteger("Status") == Member.ALIVE).count() == 3);
        leaders.add(api.get("/v1/status/leader").bodyAsString());
        assertEquals(3, api.get("/v1/status/peers").bodyAsJsonArray().size());
      }
    }
    assertEquals(1, new TreeSet<>(leaders).size(), leaders.toString());
    assertTrue(!leaders.get(0).equals("\"\""), "a leader is known");
    try (ApiClient api = new ApiClient(agents.get(0).httpPort())) {
      String leader = leaders.get(0).replace("\"", "");
      assertTrue(api.get("/v1/status/peers").bodyAsJsonArray().contains(leader), "the leader is one of the peers: " + leader);
      assertTrue(!leader.endsWith(":8300"), "the leader's real server port, not the default: " + leader);
    }
  }

  @Test
  @Order(2)
  void aRegistrationOnOneAgentIsInDnsOnAnotherWhenThePutReturnsWithTheSameIndex() throws Exception {
    try (ApiClient c1 = new ApiClient(agents.get(0).httpPort()); ApiClient c3 = new ApiClient(agents.get(2).httpPort())) {
      assertEquals(200, c1.put("/v1/agent/service/register",
          "{\"ID\":\"web-1\",\"Name\":\"web\",\"Address\":\"127.0.0.41\",\"Port\":9001}").statusCode());
      assertEquals(List.of("127.0.0.41"), dnsA(agents.get(2), "web.service.consul."), "visible on c3 at once");

      HttpResponse<Buffer> r1 = c1.get("/v1/catalog/service/web");
      HttpResponse<Buffer> r3 = c3.get("/v1/catalog/service/web");
      assertEquals(r1.getHeader("X-Consul-Index"), r3.getHeader("X-Consul-Index"));
      assertEquals("true", r3.getHeader("X-Consul-KnownLeader"));
      assertEquals("consistent", c3.get("/v1/catalog/service/web?consistent").getHeader("X-Consul-Effective-Consistency"));
    }
  }

  @Test
  @Order(3)
  void onlyTheLeaderCallsItsDefaultReadLeaderTheFollowersSayStale() throws Exception {
    List<String> effective = new ArrayList<>();
    for (Agent a : agents) {
      try (ApiClient api = new ApiClient(a.httpPort())) {
        effective.add(api.get("/v1/catalog/services").getHeader("X-Consul-Effective-Consistency"));
      }
    }
    effective.sort(null);
    assertEquals(List.of("leader", "stale", "stale"), effective);
  }

  @Test
  @Order(4)
  void writesFromDifferentAgentsTakeDistinctIncreasingIndexes() throws Exception {
    List<Long> indexes = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Agent a = agents.get(i % 3);
      try (ApiClient api = new ApiClient(a.httpPort())) {
        api.put("/v1/agent/service/register", "{\"ID\":\"idx-" + i + "\",\"Name\":\"idx\",\"Port\":" + (7000 + i) + "}");
        indexes.add(Long.parseLong(api.get("/v1/catalog/service/idx").getHeader("X-Consul-Index")));
      }
    }
    for (int i = 1; i < indexes.size(); i++) assertTrue(indexes.get(i) > indexes.get(i - 1), indexes.toString());
  }

  @Test
  @Order(5)
  void aMemberThatStopsWithoutLeavingIsFailedAndItsServicesLeaveDns() throws Exception {
    Agent c2 = agents.get(1);
    try (ApiClient api = new ApiClient(c2.httpPort())) {
      api.put("/v1/agent/service/register", "{\"ID\":\"web-2\",\"Name\":\"web\",\"Address\":\"127.0.0.42\",\"Port\":9002}");
    }
    // Acknowledged once the leader committed it; c3 applies it with the next commit notice.
    awaitTrue(() -> dnsA(agents.get(2), "web.service.consul.").equals(List.of("127.0.0.41", "127.0.0.42")));
    agents.remove(c2);
    TestAgent.stop(c2);

    awaitTrue(() -> dnsA(agents.get(1), "web.service.consul.").equals(List.of("127.0.0.41")));
    try (ApiClient api = new ApiClient(agents.get(0).httpPort())) {
      JsonArray members = api.get("/v1/agent/members").bodyAsJsonArray();
      assertTrue(members.stream().anyMatch(m -> ((io.vertx.core.json.JsonObject) m).getString("Name").equals("c2")
          && ((io.vertx.core.json.JsonObject) m).getInteger("Status") == Member.FAILED), members.encode());
      assertEquals(1, api.get("/v1/catalog/nodes").bodyAsJsonArray().stream()
          .filter(n -> ((io.vertx.core.json.JsonObject) n).getString("Node").equals("c2")).count(), "failed, not removed");
    }
  }
}
