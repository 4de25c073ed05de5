package io.consulate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.agent.Agent;
import io.consulate.agent.TestAgent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code ?filter=} on every endpoint Consul documents it for, against a running agent, with Consul's errors. */
class FilterApiTest {
  private static Agent agent;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    agent = TestAgent.startDevWithUi(true);
    api = new ApiClient(agent.httpPort());
    register("web-qa", "web", "[\"v1\",\"blue\"]", "{\"env\":\"qa\"}", "\"TTL\":\"60s\",\"Status\":\"passing\"");
    register("web-prod", "web", "[\"v2\"]", "{\"env\":\"prod\"}", "\"TTL\":\"60s\",\"Status\":\"critical\"");
    register("db-prod", "db", "[]", "{\"env\":\"prod\"}", "\"TTL\":\"60s\",\"Status\":\"passing\"");
  }

  private static void register(String id, String name, String tags, String meta, String check) throws Exception {
    assertEquals(200, api.put("/v1/agent/service/register", "{\"ID\":\"" + id + "\",\"Name\":\"" + name + "\",\"Port\":80,"
        + "\"Tags\":" + tags + ",\"Meta\":" + meta + ",\"Check\":{\"CheckID\":\"check-" + id + "\"," + check + "}}").statusCode());
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
    TestAgent.stop(agent);
  }

  private static HttpResponse<Buffer> get(String path, String filter) throws Exception {
    return api.get(path + (path.contains("?") ? "&" : "?") + "filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8));
  }

  /** The values of {@code field} in a list answer, sorted. */
  private static List<String> field(JsonArray list, String field) {
    TreeSet<String> out = new TreeSet<>();
    for (Object o : list) out.add(String.valueOf(((JsonObject) o).getValue(field)));
    return new ArrayList<>(out);
  }

  @Test
  void agentServicesAndChecks() throws Exception {
    JsonObject qa = get("/v1/agent/services", "Meta.env == qa").bodyAsJsonObject();
    assertEquals(List.of("web-qa"), new ArrayList<>(qa.fieldNames()));
    JsonObject notWeb = get("/v1/agent/services", "Service != web and Tags is empty").bodyAsJsonObject();
    assertEquals(List.of("db-prod"), new ArrayList<>(notWeb.fieldNames()));
    JsonObject critical = get("/v1/agent/checks", "Status == critical").bodyAsJsonObject();
    assertEquals(List.of("check-web-prod"), new ArrayList<>(critical.fieldNames()));
  }

  @Test
  void catalogEndpoints() throws Exception {
    assertEquals(List.of("web-qa"), field(get("/v1/catalog/service/web", "v1 in ServiceTags").bodyAsJsonArray(), "ServiceID"));
    assertEquals(List.of("web-prod"), field(get("/v1/catalog/service/web", "ServiceMeta.env == prod").bodyAsJsonArray(), "ServiceID"));
    assertEquals(List.of("test-node"), field(get("/v1/catalog/nodes", "Node matches \"^test-\"").bodyAsJsonArray(), "Node"));
    assertEquals(List.of(), field(get("/v1/catalog/nodes", "Meta.os == plan9").bodyAsJsonArray(), "Node"));
    JsonArray listed = get("/v1/catalog/node-services/test-node", "Service == db").bodyAsJsonObject().getJsonArray("Services");
    assertEquals(List.of("db-prod"), field(listed, "ID"));
    JsonObject node = get("/v1/catalog/node/test-node", "Meta.env == qa").bodyAsJsonObject().getJsonObject("Services");
    assertEquals(List.of("web-qa"), new ArrayList<>(node.fieldNames()));
  }

  @Test
  void healthEndpoints() throws Exception {
    JsonArray passingProd = get("/v1/health/service/web", "Service.Meta.env == prod or Checks.Status == critical").bodyAsJsonArray();
    assertEquals(1, passingProd.size());
    assertEquals("web-prod", passingProd.getJsonObject(0).getJsonObject("Service").getString("ID"));
    assertEquals(List.of("check-web-qa"), field(get("/v1/health/checks/web", "Status == passing").bodyAsJsonArray(), "CheckID"));
    assertEquals(List.of("serfHealth"), field(get("/v1/health/node/test-node", "CheckID == serfHealth").bodyAsJsonArray(), "CheckID"));
    assertEquals(List.of("check-db-prod", "check-web-qa"),
        field(get("/v1/health/state/passing", "ServiceName != \"\"").bodyAsJsonArray(), "CheckID"));
  }

  @Test
  void theUiSummaries() throws Exception {
    HttpResponse<Buffer> res = get("/v1/internal/ui/services?per_page=10", "Name == db");
    assertEquals(List.of("db"), field(res.bodyAsJsonArray(), "Name"));
    assertEquals("1", res.getHeader("X-Consulate-Total"));
    assertEquals(List.of("test-node"), field(get("/v1/internal/ui/nodes", "Node == \"test-node\"").bodyAsJsonArray(), "Node"));
  }

  @Test
  void aBadExpressionIsA400WithItsPosition() throws Exception {
    HttpResponse<Buffer> res = get("/v1/catalog/service/web", "ServiceName == web and");
    assertEquals(400, res.statusCode());
    assertTrue(res.bodyAsString().startsWith("Failed to create boolean expression evaluator: 1:23 (22): no match found"),
        res.bodyAsString());
    HttpResponse<Buffer> blocking = get("/v1/health/service/web?index=1000&wait=30s", "((");
    assertEquals(400, blocking.statusCode(), "refused before the query parks");
  }
}
