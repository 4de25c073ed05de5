package io.consulate.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.agent.Agent;
import io.consulate.agent.TestAgent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code /v1/kv} and {@code /v1/txn} of a running agent over real sockets, as a Consul client sees them. */
class KvApiTest {
  private static Agent agent;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    agent = TestAgent.startDev();
    api = new ApiClient(agent.httpPort());
    for (String k : new String[] {"app/config/a", "app/config/b", "app/other/c"}) put("/v1/kv/" + k, "v-" + k);
    put("/v1/kv/app/flagged?flags=42", "f");
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
    TestAgent.stop(agent);
  }

  private static String put(String uri, String body) throws Exception {
    return api.put(uri, body).bodyAsString();
  }

  record Case(String name, String uri, int status, String body) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> reads() {
    return Stream.of(
        new Case("raw value", "/v1/kv/app/config/a?raw", 200, "v-app/config/a"),
        new Case("keys under a prefix", "/v1/kv/app/?keys", 200,
            "[\"app/config/a\",\"app/config/b\",\"app/flagged\",\"app/other/c\"]"),
        new Case("keys folded at the separator", "/v1/kv/app/?keys&separator=/", 200,
            "[\"app/config/\",\"app/flagged\",\"app/other/\"]"),
        new Case("keys of an empty prefix are a 404", "/v1/kv/nothing/?keys", 404, ""),
        new Case("recurse of an empty prefix is a 404", "/v1/kv/nothing/?recurse", 404, ""),
        new Case("missing key is a 404", "/v1/kv/app/none", 404, ""),
        new Case("GET without a key", "/v1/kv/", 400, "Missing key name"));
  }

  @ParameterizedTest
  @MethodSource("reads")
  void read(Case c) throws Exception {
    HttpResponse<Buffer> res = api.get(c.uri());
    assertEquals(c.status(), res.statusCode());
    assertEquals(c.body(), res.bodyAsString() == null ? "" : res.bodyAsString());
    if (c.status() != 400) assertTrue(Long.parseLong(res.getHeader("X-Consul-Index")) > 0, "X-Consul-Index on " + c.uri());
  }

  @Test
  void entryHasConsulsFieldsAndFlags() throws Exception {
    JsonObject e = api.get("/v1/kv/app/flagged").bodyAsJsonArray().getJsonObject(0);
    assertEquals(java.util.List.of("LockIndex", "Key", "Flags", "Value", "CreateIndex", "ModifyIndex"),
        java.util.List.copyOf(e.fieldNames()));
    assertEquals(42, e.getLong("Flags"));
    assertEquals("Zg==", e.getString("Value"));
  }

  @Test
  void binaryValuesRoundTripAndOversizedOnesAre413() throws Exception {
    byte[] bytes = {0, 1, (byte) 0xff, '%', '&', '='};
    api.sendBytes(HttpMethod.PUT, "/v1/kv/bin", Buffer.buffer(bytes));
    assertArrayEquals(bytes, api.get("/v1/kv/bin?raw").body().getBytes());
    HttpResponse<Buffer> big = api.sendBytes(HttpMethod.PUT, "/v1/kv/big", Buffer.buffer(new byte[512 * 1024 + 1]));
    assertEquals(413, big.statusCode());
  }

  @Test
  void checkAndSetAndDeleteCas() throws Exception {
    assertEquals("true", put("/v1/kv/cas/k?cas=0", "1"));
    assertEquals("false", put("/v1/kv/cas/k?cas=0", "2"));
    long mi = api.get("/v1/kv/cas/k").bodyAsJsonArray().getJsonObject(0).getLong("ModifyIndex");
    assertEquals("false", put("/v1/kv/cas/k?cas=" + (mi + 1), "2"));
    assertEquals("true", put("/v1/kv/cas/k?cas=" + mi, "2"));
    assertEquals("false", api.send(HttpMethod.DELETE, "/v1/kv/cas/k?cas=" + mi, (String) null).bodyAsString());
    long now = api.get("/v1/kv/cas/k").bodyAsJsonArray().getJsonObject(0).getLong("ModifyIndex");
    assertEquals("true", api.send(HttpMethod.DELETE, "/v1/kv/cas/k?cas=" + now, (String) null).bodyAsString());
    assertEquals(400, api.put("/v1/kv/cas/k?cas=0&acquire=x", "").statusCode(), "conflicting flags");
  }

  @Test
  void prefixBlockingQueryWakesOnDeleteAndItsIndexMovesForward() throws Exception {
    put("/v1/kv/watch/a", "1");
    long idx = Long.parseLong(api.get("/v1/kv/watch/?recurse").getHeader("X-Consul-Index"));
    var parked = BlockingCalls.async(api, "/v1/kv/watch/?recurse&index=" + idx + "&wait=20s");
    BlockingCalls.waitUntilParked(agent);
    api.send(HttpMethod.DELETE, "/v1/kv/watch/a", (String) null);
    HttpResponse<Buffer> res = parked.get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(404, res.statusCode());
    assertTrue(Long.parseLong(res.getHeader("X-Consul-Index")) > idx, "the tombstone moved the prefix index on");
  }

  @Test
  void keyBlockingQueryWakesOnItsKey() throws Exception {
    put("/v1/kv/block/k", "1");
    long idx = Long.parseLong(api.get("/v1/kv/block/k").getHeader("X-Consul-Index"));
    var parked = BlockingCalls.async(api, "/v1/kv/block/k?index=" + idx + "&wait=20s");
    BlockingCalls.waitUntilParked(agent);
    put("/v1/kv/block/k", "2");
    HttpResponse<Buffer> res = parked.get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals("Mg==", res.bodyAsJsonArray().getJsonObject(0).getString("Value"));
  }

  @Test
  void txnAppliesAllOrNothing() throws Exception {
    HttpResponse<Buffer> ok = api.put("/v1/txn", "[{\"KV\":{\"Verb\":\"set\",\"Key\":\"txn/a\",\"Value\":\"aGk=\"}},"
        + "{\"KV\":{\"Verb\":\"get\",\"Key\":\"txn/a\"}}]");
    assertEquals(200, ok.statusCode());
    JsonArray results = ok.bodyAsJsonObject().getJsonArray("Results");
    assertNull(results.getJsonObject(0).getJsonObject("KV").getString("Value"), "writes return no value");
    assertEquals("aGk=", results.getJsonObject(1).getJsonObject("KV").getString("Value"));
    HttpResponse<Buffer> failed = api.put("/v1/txn", "[{\"KV\":{\"Verb\":\"set\",\"Key\":\"txn/b\",\"Value\":\"\"}},"
        + "{\"KV\":{\"Verb\":\"check-index\",\"Key\":\"txn/a\",\"Index\":1}}]");
    assertEquals(409, failed.statusCode());
    JsonObject error = failed.bodyAsJsonObject().getJsonArray("Errors").getJsonObject(0);
    assertEquals(1, error.getInteger("OpIndex"));
    assertNotNull(error.getString("What"));
    assertEquals(404, api.get("/v1/kv/txn/b").statusCode(), "rolled back");
  }
}
