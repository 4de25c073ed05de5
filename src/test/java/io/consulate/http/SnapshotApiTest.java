package io.consulate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.consulate.agent.Agent;
import io.consulate.agent.TestAgent;
import io.consulate.store.SnapshotArchive;
import io.consulate.store.SnapshotException;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/snapshot}: a verified archive of the whole state, and what reading a damaged one says. */
class SnapshotApiTest {
  private static Agent agent;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    agent = TestAgent.startDev();
    api = new ApiClient(agent.httpPort());
    TestAgent.awaitTrue(() -> api.get("/v1/catalog/service/consul").bodyAsJsonArray().size() == 1); // the server's own service
    api.put("/v1/agent/service/register", "{\"Name\":\"web\",\"Port\":80}");
    api.put("/v1/kv/app/one", "1");
    api.put("/v1/kv/app/two", "2");
    api.put("/v1/session/create", "{\"Name\":\"s\"}");
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
    TestAgent.stop(agent);
  }

  @Test
  void theArchiveHoldsTheWholeStateAtItsIndex() throws Exception {
    HttpResponse<Buffer> res = api.get("/v1/snapshot");
    assertEquals(200, res.statusCode());
    SnapshotArchive archive = SnapshotArchive.read(res.body().getBytes());
    assertEquals(Long.parseLong(res.getHeader("X-Consul-Index")), archive.meta().getLong("Index"));
    assertEquals("dc1", archive.meta().getString("Datacenter"));
    assertEquals(Map.of("Nodes", 1, "Services", 2, "Checks", 1, "KV entries", 2, "Sessions", 1), archive.counts());
    assertEquals("No path to datacenter", api.get("/v1/snapshot?dc=elsewhere").bodyAsString());
  }

  @Test
  void aDamagedArchiveIsRefusedWithTheReason() throws Exception {
    byte[] good = api.get("/v1/snapshot").body().getBytes();
    assertEquals("the snapshot is truncated",
        assertThrows(SnapshotException.class, () -> SnapshotArchive.read(Arrays.copyOf(good, good.length / 2))).getMessage());
    byte[] flipped = good.clone();
    flipped[flipped.length - 12] ^= 0x40; // inside the gzip trailer's CRC: gzip itself notices
    assertThrows(SnapshotException.class, () -> SnapshotArchive.read(flipped));
    assertEquals("not a Consulate snapshot (not gzip: Not in GZIP format)",
        assertThrows(SnapshotException.class, () -> SnapshotArchive.read("hello".getBytes())).getMessage());
  }

  @Test
  void restoreBringsTheSavedStateBackAndADamagedOneChangesNothing() throws Exception {
    // An agent of its own: the restore replaces the state the other tests count.
    Agent own = TestAgent.startDev();
    try (ApiClient api = new ApiClient(own.httpPort())) {
      restoreRoundTrip(api);
    } finally {
      TestAgent.stop(own);
    }
  }

  @Test
  void anAgentAskedToWriteProtocol2RefusesARestoreAndChangesNothing() throws Exception {
    byte[] archive = api.get("/v1/snapshot").body().getBytes();
    Agent old = TestAgent.startDevSpeaking(2);
    try (ApiClient api = new ApiClient(old.httpPort())) {
      assertEquals("2", api.get("/v1/agent/members").bodyAsJsonArray().getJsonObject(0).getJsonObject("Tags")
          .getString("vsn"));
      api.put("/v1/kv/mine", "kept");
      HttpResponse<Buffer> refused = api.sendBytes(io.vertx.core.http.HttpMethod.PUT, "/v1/snapshot", Buffer.buffer(archive));
      assertEquals(500, refused.statusCode());
      assertEquals("this write needs protocol 3, and this agent runs with -protocol 2: restart it without -protocol once "
          + "every agent runs this version", refused.bodyAsString());
      assertEquals("kept", api.get("/v1/kv/mine?raw").bodyAsString());
      assertEquals(404, api.get("/v1/kv/app/one").statusCode());
    } finally {
      TestAgent.stop(old);
    }
  }

  private static void restoreRoundTrip(ApiClient api) throws Exception {
    api.put("/v1/kv/restore/key", "saved");
    byte[] archive = api.get("/v1/snapshot").body().getBytes();
    api.put("/v1/kv/restore/key", "changed");
    api.put("/v1/kv/restore/extra", "x");
    long before = Long.parseLong(api.get("/v1/kv/restore/key").getHeader("X-Consul-Index"));

    // A watcher parked on the changed value before the restore is answered by it, not after its wait.
    java.util.concurrent.CompletableFuture<HttpResponse<Buffer>> watcher = java.util.concurrent.CompletableFuture
        .supplyAsync(() -> {
          try {
            return api.get("/v1/kv/restore/key?index=" + before + "&wait=20s");
          } catch (Exception e) {
            throw new java.util.concurrent.CompletionException(e);
          }
        });
    TestAgent.awaitTrue(() -> api.get("/v1/agent/metrics").bodyAsString().contains("\"consul.http.blocking_queries\"")
        && api.get("/v1/agent/metrics").bodyAsJsonObject().getJsonArray("Gauges").stream()
            .map(g -> (io.vertx.core.json.JsonObject) g)
            .anyMatch(g -> g.getString("Name").equals("consul.http.blocking_queries") && g.getDouble("Value") >= 1));

    HttpResponse<Buffer> restored = api.sendBytes(io.vertx.core.http.HttpMethod.PUT, "/v1/snapshot", Buffer.buffer(archive));
    assertEquals(200, restored.statusCode(), restored.bodyAsString());
    assertEquals("saved", api.get("/v1/kv/restore/key?raw").bodyAsString());
    assertEquals(404, api.get("/v1/kv/restore/extra").statusCode());
    HttpResponse<Buffer> woken = watcher.get(5, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals("saved", new String(java.util.Base64.getDecoder().decode(
        woken.bodyAsJsonArray().getJsonObject(0).getString("Value"))));

    HttpResponse<Buffer> damaged = api.sendBytes(io.vertx.core.http.HttpMethod.PUT, "/v1/snapshot",
        Buffer.buffer(Arrays.copyOf(archive, archive.length / 2)));
    assertEquals(400, damaged.statusCode());
    assertEquals("the snapshot is truncated", damaged.bodyAsString());
    assertEquals("saved", api.get("/v1/kv/restore/key?raw").bodyAsString());
  }
}
