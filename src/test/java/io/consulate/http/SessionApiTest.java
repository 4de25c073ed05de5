package io.consulate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.agent.Agent;
import io.consulate.agent.TestAgent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /v1/session} and KV locks over real sockets. */
class SessionApiTest {
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

  private static String create(String body) throws Exception {
    var res = api.put("/v1/session/create", body);
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject().getString("ID");
  }

  @Test
  void createUsesConsulsDefaults() throws Exception {
    String id = create("");
    JsonObject s = api.get("/v1/session/info/" + id).bodyAsJsonArray().getJsonObject(0);
    assertEquals("test-node", s.getString("Node"));
    assertEquals(15_000_000_000L, s.getLong("LockDelay"));
    assertEquals("release", s.getString("Behavior"));
    assertEquals(new JsonArray().add("serfHealth"), s.getJsonArray("NodeChecks"));
    assertTrue(api.get("/v1/session/node/test-node").bodyAsJsonArray().stream()
        .anyMatch(o -> ((JsonObject) o).getString("ID").equals(id)));
    assertEquals("true", api.put("/v1/session/destroy/" + id, "").bodyAsString());
    assertEquals("[]", api.get("/v1/session/info/" + id).bodyAsString());
  }

  @Test
  void invalidSessionsAreRefused() throws Exception {
    assertEquals(500, api.put("/v1/session/create", "{\"TTL\":\"5s\"}").statusCode());
    assertEquals(500, api.put("/v1/session/create", "{\"Node\":\"nowhere\"}").statusCode());
    assertEquals(400, api.put("/v1/session/create", "{\"Behavior\":\"explode\"}").statusCode());
    assertEquals(404, api.put("/v1/session/renew/00000000-0000-0000-0000-000000000000", "").statusCode());
  }

  @Test
  void locksFollowTheirHolders() throws Exception {
    String s1 = create("{\"Name\":\"s1\",\"TTL\":\"10s\"}");
    String s2 = create("{\"Name\":\"s2\",\"LockDelay\":\"0s\"}");
    assertEquals("true", api.put("/v1/kv/locks/l?acquire=" + s1, "me").bodyAsString());
    assertEquals("false", api.put("/v1/kv/locks/l?acquire=" + s2, "you").bodyAsString());
    assertEquals(s1, api.get("/v1/kv/locks/l").bodyAsJsonArray().getJsonObject(0).getString("Session"));
    assertEquals(200, api.put("/v1/session/renew/" + s1, "").statusCode());
    assertEquals("true", api.put("/v1/kv/locks/l?release=" + s1, "me").bodyAsString());
    assertEquals("true", api.put("/v1/kv/locks/l?acquire=" + s2, "you").bodyAsString());
    JsonObject held = api.get("/v1/kv/locks/l").bodyAsJsonArray().getJsonObject(0);
    assertEquals(2, held.getLong("LockIndex"));
    api.put("/v1/session/destroy/" + s2, "");
    assertFalse(api.get("/v1/kv/locks/l").bodyAsJsonArray().getJsonObject(0).containsKey("Session"));
    assertEquals(500, api.put("/v1/kv/locks/l?acquire=" + s2, "").statusCode(), "a destroyed session");
  }
}
