package io.consulate.agent;

import static io.consulate.agent.TestAgent.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.cli.EventCommand;
import io.consulate.http.ApiClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * User events across a server and two client agents over real sockets: a fired event reaches every agent it is
 * meant for within a second, in the same order, with Consul's filters, list index and blocking.
 */
class EventsTest {
  @TempDir
  static Path data;
  static Agent server;
  static Agent a;
  static Agent b;
  static final List<ApiClient> apis = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    server = TestAgent.startServerForClients("s1", data.resolve("s1"));
    a = TestAgent.startClient("client-a", data.resolve("a"), server.serfLanPort());
    b = TestAgent.startClient("client-b", data.resolve("b"), server.serfLanPort());
    for (Agent x : List.of(server, a, b)) apis.add(new ApiClient(x.httpPort()));
    apis.get(1).put("/v1/agent/service/register", "{\"Name\":\"web\",\"Tags\":[\"blue\"],\"Port\":80}");
    apis.get(2).put("/v1/agent/service/register", "{\"Name\":\"db\",\"Port\":5432}");
  }

  @AfterAll
  static void stop() throws Exception {
    apis.forEach(ApiClient::close);
    for (Agent x : new Agent[] {b, a, server}) TestAgent.stop(x);
  }

  private static List<String> names(ApiClient api, String query) throws Exception {
    List<String> out = new ArrayList<>();
    for (Object o : api.get("/v1/event/list" + query).bodyAsJsonArray()) out.add(((JsonObject) o).getString("Name"));
    return out;
  }

  private static JsonObject fire(ApiClient api, String path, String payload) throws Exception {
    HttpResponse<Buffer> res = api.put(path, payload);
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject();
  }

  @Test
  void anEventReachesEveryAgentWithinASecondInTheSameOrder() throws Exception {
    JsonObject fired = fire(apis.get(1), "/v1/event/fire/deploy", "v42");
    assertEquals("deploy", fired.getString("Name"));
    assertEquals(0, fired.getLong("LTime"));
    assertEquals(1, fired.getInteger("Version"));
    long t0 = System.nanoTime();
    for (ApiClient api : apis) {
      awaitTrue(() -> api.get("/v1/event/list?name=deploy").bodyAsJsonArray().stream()
          .anyMatch(e -> ((JsonObject) e).getString("ID").equals(fired.getString("ID"))));
    }
    assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "an event reached every agent within 1 s");
    JsonObject there = apis.get(2).get("/v1/event/list?name=deploy").bodyAsJsonArray().getJsonObject(0);
    assertEquals("v42", new String(Base64.getDecoder().decode(there.getString("Payload"))));
    assertTrue(there.getLong("LTime") > 0);
    fire(apis.get(2), "/v1/event/fire/second", "");
    for (ApiClient api : apis) awaitTrue(() -> names(api, "").contains("second"));
    List<String> order = names(apis.get(0), "");
    for (ApiClient api : apis) assertEquals(order, names(api, ""), "every agent keeps the same order");
  }

  @Test
  void filtersChooseWhichAgentsKeepAnEvent() throws Exception {
    fire(apis.get(0), "/v1/event/fire/only-b?node=client-b", "");
    fire(apis.get(0), "/v1/event/fire/blue-web?service=we&tag=^bl", "");
    fire(apis.get(0), "/v1/event/fire/red-web?service=web&tag=red", "");
    fire(apis.get(0), "/v1/event/fire/after", "");
    for (ApiClient api : apis) awaitTrue(() -> names(api, "").contains("after"));
    assertEquals(List.of("only-b"), names(apis.get(2), "?name=only-b"));
    assertEquals(List.of(), names(apis.get(1), "?name=only-b"));
    assertEquals(List.of("blue-web"), names(apis.get(1), "?name=blue-web"));
    assertEquals(List.of(), names(apis.get(2), "?name=blue-web"));
    assertEquals(List.of(), names(apis.get(1), "?name=red-web"));

    HttpResponse<Buffer> bad = apis.get(0).put("/v1/event/fire/x?tag=blue", "");
    assertEquals(500, bad.statusCode());
    assertEquals("Cannot provide tag filter without service filter", bad.bodyAsString());
    assertEquals("Missing name", apis.get(0).put("/v1/event/fire/", "").bodyAsString());
    HttpResponse<Buffer> big = apis.get(0).put("/v1/event/fire/big", "x".repeat(600));
    assertEquals(500, big.statusCode());
    assertEquals("user event exceeds configured limit of 512 bytes before encoding", big.bodyAsString());
  }

  @Test
  void aBlockingListAnswersTheNextEvent() throws Exception {
    ApiClient api = apis.get(1);
    HttpResponse<Buffer> now = api.get("/v1/event/list?name=wake");
    String index = now.getHeader("X-Consul-Index");
    assertEquals("1", index, "an empty list has index 1, as in Consul");
    CompletableFuture<HttpResponse<Buffer>> parked = CompletableFuture.supplyAsync(() -> {
      try {
        return api.get("/v1/event/list?name=wake&index=" + index + "&wait=30s");
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    });
    Thread.sleep(300);
    fire(apis.get(0), "/v1/event/fire/other", ""); // another name: the query parks again
    Thread.sleep(300);
    assertTrue(!parked.isDone(), "an event of another name does not answer it");
    JsonObject fired = fire(apis.get(2), "/v1/event/fire/wake", "");
    HttpResponse<Buffer> woken = parked.get(5, TimeUnit.SECONDS);
    JsonArray list = woken.bodyAsJsonArray();
    assertEquals(fired.getString("ID"), list.getJsonObject(list.size() - 1).getString("ID"));
    assertNotEquals(index, woken.getHeader("X-Consul-Index"));
  }

  @Test
  void theCliFiresAnEvent() throws Exception {
    String addr = "127.0.0.1:" + a.httpPort();
    assertEquals(0, new CommandLine(new EventCommand()).execute("-http-addr", addr, "-name", "from-cli", "hello"));
    awaitTrue(() -> names(apis.get(2), "").contains("from-cli"));
    assertEquals(1, new CommandLine(new EventCommand()).execute("-http-addr", addr));
  }
}
