package io.consulate.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.agent.Agent;
import io.consulate.agent.TestAgent;
import io.consulate.http.ApiClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The UI's summary endpoints and redirects over a real agent's HTTP port. */
class SummaryEndpointsTest {
  private static Agent agent;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    agent = TestAgent.startDev();
    api = new ApiClient(agent.httpPort());
    TestAgent.awaitTrue(() -> api.get("/v1/catalog/service/consul").bodyAsJsonArray().size() == 1); // the server's own service
    register("{\"ID\":\"web-1\",\"Name\":\"web\",\"Tags\":[\"blue\",\"v1\"],\"Port\":80,\"Meta\":{\"env\":\"prod\"},"
        + "\"Check\":{\"CheckID\":\"web-1-ttl\",\"TTL\":\"60s\"}}");
    register("{\"ID\":\"web-2\",\"Name\":\"web\",\"Tags\":[\"green\"],\"Port\":81,\"Meta\":{\"env\":\"test\"}}");
    register("{\"ID\":\"db\",\"Name\":\"db\",\"Tags\":[\"blue\"],\"Port\":5432}");
    register("{\"ID\":\"cache\",\"Name\":\"cache\",\"Port\":6379,\"Check\":{\"CheckID\":\"cache-ttl\",\"TTL\":\"60s\"}}");
    api.put("/v1/agent/check/warn/cache-ttl", "");
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
    TestAgent.stop(agent);
  }

  private static void register(String json) throws Exception {
    assertEquals(200, api.put("/v1/agent/service/register", json).statusCode());
  }

  private static List<String> names(HttpResponse<Buffer> res) {
    assertEquals(200, res.statusCode(), res.bodyAsString());
    List<String> out = new ArrayList<>();
    for (Object o : res.bodyAsJsonArray()) out.add(((JsonObject) o).getString("Name"));
    return out;
  }

  @Test
  void summarizesEachServiceInConsulsShape() throws Exception {
    HttpResponse<Buffer> res = api.get("/v1/internal/ui/services");
    assertEquals(List.of("cache", "consul", "db", "web"), names(res));
    JsonObject web = res.bodyAsJsonArray().getJsonObject(3);
    assertEquals(new JsonArray().add("blue").add("green").add("v1"), web.getJsonArray("Tags"));
    assertEquals(new JsonArray().add("test-node"), web.getJsonArray("Nodes"));
    assertEquals(2, web.getInteger("InstanceCount"));
    // web-1's TTL check has not reported (critical); the node's serfHealth counts once for both instances.
    assertEquals(1, web.getInteger("ChecksPassing"));
    assertEquals(1, web.getInteger("ChecksCritical"));
    assertEquals("dc1", web.getString("Datacenter"));
    assertEquals(null, res.bodyAsJsonArray().getJsonObject(0).getValue("Tags"));
    assertEquals("4", res.getHeader("X-Consulate-Total"));
    assertTrue(Long.parseLong(res.getHeader("X-Consul-Index")) > 0);
  }

  @Test
  void filtersByTagHealthMetaAndSearch() throws Exception {
    assertEquals(List.of("db", "web"), names(api.get("/v1/internal/ui/services?tag=blue")));
    assertEquals(List.of("web"), names(api.get("/v1/internal/ui/services?tag=blue&tag=v1")));
    assertEquals(List.of("web"), names(api.get("/v1/internal/ui/services?status=critical")));
    assertEquals(List.of("cache"), names(api.get("/v1/internal/ui/services?status=warning")));
    assertEquals(List.of("web"), names(api.get("/v1/internal/ui/services?meta=env%3Dtest")));
    assertEquals(List.of(), names(api.get("/v1/internal/ui/services?meta=env%3Dstaging")));
    assertEquals(List.of("cache", "web"), names(api.get("/v1/internal/ui/services?s=E")));
    assertEquals(List.of("db", "web"), names(api.get("/v1/internal/ui/services?s=%2F%5E(d%7Cw)%2F")));
  }

  @Test
  void sortsByHealthAndPages() throws Exception {
    assertEquals(List.of("web", "cache", "consul", "db"), names(api.get("/v1/internal/ui/services?sort=health")));
    HttpResponse<Buffer> second = api.get("/v1/internal/ui/services?per_page=3&page=2");
    assertEquals(List.of("web"), names(second));
    assertEquals("4", second.getHeader("X-Consulate-Total"));
    assertEquals(List.of(), names(api.get("/v1/internal/ui/services?per_page=3&page=9")));
  }

  @Test
  void badParametersAreClearErrors() throws Exception {
    HttpResponse<Buffer> regex = api.get("/v1/internal/ui/services?s=%2F%5B%2F");
    assertEquals(400, regex.statusCode());
    assertTrue(regex.bodyAsString().startsWith("Invalid search expression /[/"), regex.bodyAsString());
    assertEquals("Invalid status \"sick\": must be passing, warning or critical",
        api.get("/v1/internal/ui/services?status=sick").bodyAsString());
    assertEquals("Invalid page \"0\": must be a whole number of 1 or more",
        api.get("/v1/internal/ui/services?per_page=5&page=0").bodyAsString());
    assertEquals("Invalid meta filter \"env\": must be key=value",
        api.get("/v1/internal/ui/services?meta=env").bodyAsString());
  }

  @Test
  void nodesCarryTheirServicesAndChecks() throws Exception {
    HttpResponse<Buffer> res = api.get("/v1/internal/ui/nodes");
    assertEquals(200, res.statusCode());
    JsonObject node = res.bodyAsJsonArray().getJsonObject(0);
    assertEquals("test-node", node.getString("Node"));
    assertEquals(5, node.getJsonArray("Services").size()); // web-1, web-2, db, cache and the server's consul
    assertTrue(node.getJsonArray("Checks").stream().anyMatch(c -> ((JsonObject) c).getString("CheckID").equals("serfHealth")));
    assertEquals("0", api.get("/v1/internal/ui/nodes?s=nothing-like-it").getHeader("X-Consulate-Total"));
  }

  @Test
  void rootRedirectsToTheUiWhichIsServedFromTheJar() throws Exception {
    HttpResponse<Buffer> root = api.get("/");
    assertEquals(301, root.statusCode());
    assertEquals("/ui/", root.getHeader("Location"));
    assertEquals(301, api.get("/ui").statusCode());
    HttpResponse<Buffer> page = api.get("/ui/");
    assertEquals(200, page.statusCode());
    assertTrue(page.bodyAsString().contains("<script type=\"module\" src=\"app.js\">"));
    assertEquals(200, api.get("/ui/app.js").statusCode());
    assertEquals(404, api.get("/ui/no-such-file.js").statusCode());
  }

  @Test
  void uiFalseServesConsulsDisabledLine() throws Exception {
    Agent off = TestAgent.startDevWithUi(false);
    try (ApiClient client = new ApiClient(off.httpPort())) {
      HttpResponse<Buffer> root = client.get("/");
      assertEquals(200, root.statusCode());
      assertEquals("Consul Agent: UI disabled. To enable, set ui_config.enabled=true in the agent configuration and restart.",
          root.bodyAsString());
      assertEquals(404, client.get("/ui/").statusCode());
    } finally {
      TestAgent.stop(off);
    }
  }
}
