package io.consulate.http;

import static io.consulate.agent.TestAgent.dnsA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.agent.Agent;
import io.consulate.agent.TestAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /v1/query against a real agent over HTTP, and its DNS form, with Consul's shapes and errors. */
class PreparedQueryApiTest {
  static Agent agent;
  static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    agent = TestAgent.startDev();
    api = new ApiClient(agent.httpPort());
    for (String[] s : new String[][] {{"web-1", "10.1.0.1", "v1"}, {"web-2", "10.1.0.2", "v2"}}) {
      assertEquals(200, api.put("/v1/agent/service/register", "{\"ID\":\"" + s[0] + "\",\"Name\":\"web\",\"Address\":\""
          + s[1] + "\",\"Port\":80,\"Tags\":[\"" + s[2] + "\"]}").statusCode());
    }
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
    TestAgent.stop(agent);
  }

  private static HttpResponse<Buffer> post(String uri, String body) throws Exception {
    return api.send(HttpMethod.POST, uri, body);
  }

  private static String create(String body) throws Exception {
    HttpResponse<Buffer> r = post("/v1/query", body);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("ID");
  }

  @Test
  void createReadUpdateExplainExecuteDelete() throws Exception {
    String id = create("{\"Name\":\"only-v1\",\"Service\":{\"Service\":\"web\",\"Tags\":[\"v1\"]},\"DNS\":{\"TTL\":\"7s\"}}");
    JsonArray read = api.get("/v1/query/" + id).bodyAsJsonArray();
    assertEquals(1, read.size());
    JsonObject q = read.getJsonObject(0);
    assertEquals(id, q.getString("ID"));
    assertEquals("web", q.getJsonObject("Service").getString("Service"));
    assertTrue(q.getLong("CreateIndex") > 0 && q.getLong("ModifyIndex").equals(q.getLong("CreateIndex")), q.encode());
    assertTrue(api.get("/v1/query").bodyAsJsonArray().stream().anyMatch(o -> ((JsonObject) o).getString("ID").equals(id)));

    HttpResponse<Buffer> run = api.get("/v1/query/only-v1/execute");
    assertEquals("1", run.getHeader("X-Consul-Index"));
    JsonObject result = run.bodyAsJsonObject();
    assertEquals("web", result.getString("Service"));
    assertEquals("dc1", result.getString("Datacenter"));
    assertEquals(0, result.getInteger("Failovers"));
    assertEquals("7s", result.getJsonObject("DNS").getString("TTL"));
    assertEquals(List.of("10.1.0.1"), addresses(result));
    assertEquals(List.of("10.1.0.1"), dnsA(agent, "only-v1.query.consul."));

    assertEquals(200, api.put("/v1/query/" + id, "{\"Name\":\"only-v1\",\"Service\":{\"Service\":\"web\",\"Tags\":[\"!v1\"]}}").statusCode());
    assertEquals(List.of("10.1.0.2"), addresses(api.get("/v1/query/" + id + "/execute").bodyAsJsonObject()));
    JsonObject explained = api.get("/v1/query/only-v1/explain").bodyAsJsonObject().getJsonObject("Query");
    assertEquals(new JsonArray().add("!v1"), explained.getJsonObject("Service").getJsonArray("Tags"));

    assertEquals(200, api.send(HttpMethod.DELETE, "/v1/query/" + id, null).statusCode());
    HttpResponse<Buffer> gone = api.get("/v1/query/" + id);
    assertEquals(404, gone.statusCode());
    assertEquals("Query not found", gone.bodyAsString());
    assertEquals(404, api.get("/v1/query/only-v1/execute").statusCode());
    assertEquals(List.of(), dnsA(agent, "only-v1.query.consul."));
  }

  @Test
  void aTemplateAnswersEveryNameWithItsPrefix() throws Exception {
    create("{\"Name\":\"svc-\",\"Template\":{\"Type\":\"name_prefix_match\"},\"Service\":{\"Service\":\"${name.suffix}\"}}");
    assertEquals(List.of("10.1.0.1", "10.1.0.2"), addresses(api.get("/v1/query/svc-web/execute").bodyAsJsonObject()));
    assertEquals(List.of("10.1.0.1", "10.1.0.2"), dnsA(agent, "svc-web.query.consul."));
    JsonObject none = api.get("/v1/query/svc-nothing/execute").bodyAsJsonObject();
    assertEquals(new JsonArray(), none.getJsonArray("Nodes"), "no instance is an empty answer, not an error");
  }

  @Test
  void consulsRefusals() throws Exception {
    create("{\"Name\":\"taken\",\"Service\":{\"Service\":\"web\"}}");
    HttpResponse<Buffer> alias = post("/v1/query", "{\"Name\":\"TAKEN\",\"Service\":{\"Service\":\"web\"}}");
    assertEquals(500, alias.statusCode());
    assertEquals("name 'TAKEN' aliases an existing query name", alias.bodyAsString());
    HttpResponse<Buffer> noService = post("/v1/query", "{\"Name\":\"x\"}");
    assertEquals(500, noService.statusCode());
    assertEquals("Invalid prepared query: Must provide a Service name to query", noService.bodyAsString());
    assertEquals(400, post("/v1/query", "{not json").statusCode());
    HttpResponse<Buffer> update = api.put("/v1/query/00000000-0000-0000-0000-000000000000",
        "{\"Name\":\"y\",\"Service\":{\"Service\":\"web\"}}");
    assertEquals(500, update.statusCode());
    assertEquals("Cannot modify non-existent prepared query: '00000000-0000-0000-0000-000000000000'", update.bodyAsString());
  }

  @Test
  void aQueryBoundToASessionEndsWithIt() throws Exception {
    String session = api.put("/v1/session/create", "{}").bodyAsJsonObject().getString("ID");
    String id = create("{\"Session\":\"" + session + "\",\"Service\":{\"Service\":\"web\"}}");
    assertEquals(200, api.get("/v1/query/" + id).statusCode());
    api.put("/v1/session/destroy/" + session, "");
    assertEquals(404, api.get("/v1/query/" + id).statusCode());
  }

  private static List<String> addresses(JsonObject result) {
    return result.getJsonArray("Nodes").stream().map(n -> ((JsonObject) n).getJsonObject("Service").getString("Address"))
        .sorted().toList();
  }
}
