package io.consulate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.agent.Agent;
import io.consulate.agent.TestAgent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Catalog operations in {@code /v1/txn}, mixed with KV ones, as Consul's state store applies them. */
class TxnCatalogApiTest {
  private static Agent agent;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    agent = TestAgent.startDev();
    api = new ApiClient(agent.httpPort());
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
    TestAgent.stop(agent);
  }

  private static HttpResponse<Buffer> txn(JsonArray ops) throws Exception {
    return api.put("/v1/txn", ops.encode());
  }

  private static JsonObject op(String kind, JsonObject body) {
    return new JsonObject().put(kind, body);
  }

  @Test
  void aNodeItsServiceAndCheckAndAKeyInOneTransaction() throws Exception {
    JsonArray ops = new JsonArray()
        .add(op("Node", new JsonObject().put("Verb", "set").put("Node", new JsonObject().put("Node", "ext-1").put("Address", "10.0.0.7"))))
        .add(op("Service", new JsonObject().put("Verb", "set").put("Node", "ext-1")
            .put("Service", new JsonObject().put("ID", "pg-1").put("Service", "pg").put("Port", 5432).put("Tags", new JsonArray().add("primary")))))
        .add(op("Check", new JsonObject().put("Verb", "set").put("Check", new JsonObject().put("Node", "ext-1")
            .put("CheckID", "pg-alive").put("Name", "pg alive").put("Status", "passing").put("ServiceID", "pg-1"))))
        .add(op("Service", new JsonObject().put("Verb", "get").put("Node", "ext-1").put("Service", new JsonObject().put("ID", "pg-1").put("Service", "pg"))))
        .add(op("KV", new JsonObject().put("Verb", "set").put("Key", "pg/primary").put("Value", "ZXh0LTE=")));
    HttpResponse<Buffer> res = txn(ops);
    assertEquals(200, res.statusCode(), res.bodyAsString());
    JsonArray results = res.bodyAsJsonObject().getJsonArray("Results");
    assertEquals(5, results.size());
    assertEquals("10.0.0.7", results.getJsonObject(0).getJsonObject("Node").getString("Address"));
    long index = results.getJsonObject(0).getJsonObject("Node").getLong("ModifyIndex");
    assertEquals(index, results.getJsonObject(1).getJsonObject("Service").getLong("ModifyIndex"), "one index for all");
    assertEquals("pg", results.getJsonObject(2).getJsonObject("Check").getString("ServiceName"), "bound to its service");
    assertEquals(5432, results.getJsonObject(3).getJsonObject("Service").getInteger("Port"), "a get sees the earlier set");
    assertEquals("pg/primary", results.getJsonObject(4).getJsonObject("KV").getString("Key"));
    assertEquals("10.0.0.7", api.get("/v1/health/service/pg?passing").bodyAsJsonArray().getJsonObject(0)
        .getJsonObject("Node").getString("Address"));
    assertEquals(java.util.List.of("10.0.0.7"), TestAgent.dnsA(agent, "pg.service.consul."));
  }

  @Test
  void aStaleCasRollsEverythingBackWithConsulsWords() throws Exception {
    txn(new JsonArray().add(op("Node", new JsonObject().put("Verb", "set").put("Node", new JsonObject().put("Node", "ext-2").put("Address", "10.0.0.8")))));
    JsonArray ops = new JsonArray()
        .add(op("KV", new JsonObject().put("Verb", "set").put("Key", "rolled/back").put("Value", "")))
        .add(op("Node", new JsonObject().put("Verb", "cas").put("Node", new JsonObject().put("Node", "ext-2").put("Address", "10.0.0.9").put("ModifyIndex", 1))))
        .add(op("Service", new JsonObject().put("Verb", "get").put("Node", "ext-2").put("Service", new JsonObject().put("ID", "none").put("Service", "none"))))
        .add(op("Check", new JsonObject().put("Verb", "delete-cas").put("Check", new JsonObject().put("Node", "ext-2").put("CheckID", "c").put("ModifyIndex", 3))));
    HttpResponse<Buffer> res = txn(ops);
    assertEquals(409, res.statusCode());
    JsonArray errors = res.bodyAsJsonObject().getJsonArray("Errors");
    assertEquals("failed to set node \"ext-2\", index is stale", errors.getJsonObject(0).getString("What"));
    assertEquals(1, errors.getJsonObject(0).getInteger("OpIndex"));
    assertEquals("service \"none\" on node \"ext-2\" doesn't exist", errors.getJsonObject(1).getString("What"));
    assertEquals("failed to delete check \"c\" on node \"ext-2\", index is stale", errors.getJsonObject(2).getString("What"));
    assertEquals(404, api.get("/v1/kv/rolled/back").statusCode());
    assertEquals("10.0.0.8", api.get("/v1/catalog/node/ext-2").bodyAsJsonObject().getJsonObject("Node").getString("Address"));
  }

  @Test
  void getOrEmptyAndTheOperationLimit() throws Exception {
    HttpResponse<Buffer> res = txn(new JsonArray().add(op("KV", new JsonObject().put("Verb", "get-or-empty").put("Key", "nothing/here"))));
    assertEquals(200, res.statusCode(), res.bodyAsString());
    JsonObject kv = res.bodyAsJsonObject().getJsonArray("Results").getJsonObject(0).getJsonObject("KV");
    assertEquals("nothing/here", kv.getString("Key"));
    assertEquals(null, kv.getValue("Value"));
    assertEquals(0, kv.getLong("ModifyIndex"));

    JsonArray many = new JsonArray();
    for (int i = 0; i < 129; i++) many.add(op("KV", new JsonObject().put("Verb", "get-or-empty").put("Key", "k" + i)));
    HttpResponse<Buffer> tooMany = txn(many);
    assertEquals(413, tooMany.statusCode());
    assertEquals("Transaction contains too many operations (129 > 128)", tooMany.bodyAsString());
    many.remove(128);
    assertEquals(200, txn(many).statusCode());
    assertTrue(txn(new JsonArray().add(new JsonObject().put("Session", new JsonObject()))).bodyAsString().contains("Only KV"));
  }
}
