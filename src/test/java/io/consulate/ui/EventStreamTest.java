package io.consulate.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.agent.Agent;
import io.consulate.agent.TestAgent;
import io.consulate.http.ApiClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The UI's one stream per tab, read as a browser reads it: server-sent events over a kept-open response. */
class EventStreamTest {
  private Agent agent;
  private ApiClient api;
  private final Vertx vertx = Vertx.vertx();
  private final BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
  private final StringBuilder pending = new StringBuilder();

  @BeforeEach
  void start() throws Exception {
    agent = TestAgent.startDev();
    api = new ApiClient(agent.httpPort());
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    api.close();
    TestAgent.stop(agent);
  }

  private HttpClientResponse open(String lastEventId) throws Exception {
    HttpClient client = vertx.createHttpClient();
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
        .setPort(agent.httpPort()).setURI("/v1/internal/ui/events");
    if (lastEventId != null) options.putHeader("Last-Event-ID", lastEventId);
    // The handler is set on the event loop as the head arrives: set later, the first chunk could be gone.
    return client.request(options).compose(req -> req.send().map(res -> {
      res.handler(chunk -> {
        pending.append(chunk.toString());
        int end;
        while ((end = pending.indexOf("\n\n")) >= 0) {
          String event = pending.substring(0, end);
          pending.delete(0, end + 2);
          for (String line : event.split("\n")) {
            if (line.startsWith("data: ")) events.add(new JsonObject(line.substring(6)));
          }
        }
      });
      return res;
    })).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private JsonObject next() throws InterruptedException {
    JsonObject e = events.poll(5, TimeUnit.SECONDS);
    if (e == null) throw new AssertionError("no event within 5 s");
    return e;
  }

  private static List<String> kinds(JsonArray changes) {
    List<String> out = new ArrayList<>();
    for (Object c : changes) out.add(((JsonObject) c).getString("Kind") + " " + ((JsonObject) c).getString("ServiceID"));
    return out;
  }

  @Test
  void aRegistrationAndAHealthTransitionArriveAsEvents() throws Exception {
    // The server's own consul service comes from the leader's first pass: not a change this test should see.
    TestAgent.awaitTrue(() -> api.get("/v1/catalog/service/consul").bodyAsJsonArray().size() == 1);
    HttpClientResponse res = open(null);
    assertEquals("text/event-stream", res.getHeader("Content-Type"));
    JsonObject first = next();
    long index = first.getLong("CatalogIndex");

    api.put("/v1/agent/service/register", "{\"ID\":\"web-1\",\"Name\":\"web\",\"Check\":{\"CheckID\":\"t\",\"TTL\":\"60s\"}}");
    JsonObject registered = next();
    assertTrue(registered.getLong("CatalogIndex") > index);
    assertEquals(List.of("registered web-1"), kinds(registered.getJsonArray("Changes")));

    api.put("/v1/agent/check/pass/t", "");
    JsonObject health = next();
    JsonObject change = health.getJsonArray("Changes").getJsonObject(0);
    assertEquals("health", change.getString("Kind"));
    assertEquals("critical", change.getString("From"));
    assertEquals("passing", change.getString("To"));

    api.put("/v1/kv/some/key", "v");
    JsonObject kv = next();
    assertTrue(kv.getLong("KvIndex") > 0);
    assertEquals(0, kv.getJsonArray("Changes").size());
  }

  @Test
  void aReconnectingTabGetsOnlyWhatItMissed() throws Exception {
    // As above: the leader's own consul service is not one of the changes this test makes.
    TestAgent.awaitTrue(() -> api.get("/v1/catalog/service/consul").bodyAsJsonArray().size() == 1);
    api.put("/v1/agent/service/register", "{\"ID\":\"a\",\"Name\":\"a\"}");
    api.put("/v1/agent/service/register", "{\"ID\":\"b\",\"Name\":\"b\"}");
    open(null);
    JsonArray all = next().getJsonArray("Changes");
    assertEquals(List.of("registered a", "registered b"), kinds(all));
    events.clear();
    open(String.valueOf(all.getJsonObject(0).getLong("Seq")));
    assertEquals(List.of("registered b"), kinds(next().getJsonArray("Changes")));
  }
}
