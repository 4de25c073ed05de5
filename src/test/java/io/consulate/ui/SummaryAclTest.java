package io.consulate.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The UI's summary endpoints and change stream with ACLs on (default deny), over a real agent's HTTP port: each
 * token sees the services, instances, nodes and changes it may read, and no other token's cached rendering.
 */
class SummaryAclTest {
  private static AclAgent acl;
  /** service:read on web and node:read on test-node only: web's instance on node "far" stays hidden. */
  private static String webOnly;

  @BeforeAll
  static void start() throws Exception {
    acl = AclAgent.start();
    acl.register("{\"ID\":\"web-1\",\"Name\":\"web\",\"Port\":80}");
    acl.register("{\"ID\":\"db-1\",\"Name\":\"db\",\"Port\":5432,\"Meta\":{\"secret\":\"yes\"}}");
    acl.put("/v1/catalog/register", "{\"Node\":\"far\",\"Address\":\"10.0.0.9\","
        + "\"Service\":{\"ID\":\"web-2\",\"Service\":\"web\",\"Port\":81,\"Meta\":{\"zone\":\"far\"}}}");
    webOnly = acl.token("web-only", "service \"web\" { policy = \"read\" }\nnode \"test-node\" { policy = \"read\" }");
  }

  @AfterAll
  static void stop() throws Exception {
    if (acl != null) acl.close();
  }

  private static HttpResponse<Buffer> get(String path, String token) throws Exception {
    return token == null ? acl.api.get(path) : acl.api.get(path, token);
  }

  private static List<String> values(HttpResponse<Buffer> res, String field) {
    assertEquals(200, res.statusCode(), res.bodyAsString());
    List<String> out = new ArrayList<>();
    for (Object o : res.bodyAsJsonArray()) out.add(((JsonObject) o).getString(field));
    return out;
  }

  @Test
  void eachTokenSeesTheServicesItMayRead() throws Exception {
    // Management first: its rendering of this snapshot is cached, and must not be what the others get.
    HttpResponse<Buffer> all = get("/v1/internal/ui/services", AclAgent.MANAGEMENT);
    assertEquals(List.of("consul", "db", "web"), values(all, "Name"));
    assertEquals(2, all.bodyAsJsonArray().getJsonObject(2).getInteger("InstanceCount"));
    assertNull(all.getHeader("X-Consul-Results-Filtered-By-ACLs"));

    HttpResponse<Buffer> some = get("/v1/internal/ui/services", webOnly);
    assertEquals(List.of("web"), values(some, "Name"));
    JsonObject web = some.bodyAsJsonArray().getJsonObject(0);
    assertEquals(1, web.getInteger("InstanceCount"), "the instance on node far is not counted");
    assertEquals(new JsonArray().add("test-node"), web.getJsonArray("Nodes"));
    assertEquals("true", some.getHeader("X-Consul-Results-Filtered-By-ACLs"));
    assertEquals("1", some.getHeader("X-Consulate-Total"));

    assertEquals(List.of(), values(get("/v1/internal/ui/services", null), "Name"));
  }

  @Test
  void filtersLookOnlyAtWhatTheTokenMayRead() throws Exception {
    assertEquals(List.of("web"), values(get("/v1/internal/ui/services?meta=zone%3Dfar", AclAgent.MANAGEMENT), "Name"));
    assertEquals(List.of(), values(get("/v1/internal/ui/services?meta=zone%3Dfar", webOnly), "Name"));
    assertEquals(List.of(), values(get("/v1/internal/ui/services?meta=secret%3Dyes", webOnly), "Name"));
  }

  @Test
  void anUnknownTokenIsRefused() throws Exception {
    HttpResponse<Buffer> res = get("/v1/internal/ui/services", "00000000-0000-4000-8000-00000000dead");
    assertEquals(403, res.statusCode());
    assertEquals("ACL not found", res.bodyAsString());
  }

  @Test
  void nodesShowOnlyReadableNodesServicesAndChecks() throws Exception {
    assertEquals(List.of("far", "test-node"), values(get("/v1/internal/ui/nodes", AclAgent.MANAGEMENT), "Node"));
    HttpResponse<Buffer> res = get("/v1/internal/ui/nodes", webOnly);
    assertEquals(List.of("test-node"), values(res, "Node"));
    JsonObject node = res.bodyAsJsonArray().getJsonObject(0);
    List<String> services = new ArrayList<>();
    for (Object s : node.getJsonArray("Services")) services.add(((JsonObject) s).getString("Service"));
    assertEquals(List.of("web"), services);
    assertEquals(List.of("serfHealth"), node.getJsonArray("Checks").stream()
        .map(c -> ((JsonObject) c).getString("CheckID")).toList());
    assertEquals(List.of(), values(get("/v1/internal/ui/nodes", null), "Node"));
  }

  @Test
  void theChangeStreamTellsATokenOnlyOfWhatItMayRead() throws Exception {
    assertEquals(List.of("registered web-1"), changes(webOnly));
    List<String> all = changes(AclAgent.MANAGEMENT);
    for (String id : List.of("registered web-1", "registered db-1", "registered web-2", "node-registered null")) {
      assertEquals(true, all.contains(id), id + " in " + all);
    }
  }

  /** The changes in the first event of a stream opened with {@code ?token=}, as the UI opens it. */
  private static List<String> changes(String token) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Promise<JsonObject> first = Promise.promise();
      StringBuilder text = new StringBuilder();
      vertx.createHttpClient().request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
          .setPort(acl.agent.httpPort()).setURI("/v1/internal/ui/events?token=" + token))
          .compose(req -> req.send()).onSuccess(res -> res.handler(chunk -> {
            text.append(chunk);
            int end = text.indexOf("\n\n");
            if (end < 0) return;
            for (String line : text.substring(0, end).split("\n")) {
              if (line.startsWith("data: ")) first.tryComplete(new JsonObject(line.substring(6)));
            }
          })).onFailure(first::tryFail);
      JsonArray list = first.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).getJsonArray("Changes");
      List<String> out = new ArrayList<>();
      for (Object c : list) out.add(((JsonObject) c).getString("Kind") + " " + ((JsonObject) c).getString("ServiceID"));
      return out;
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
