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
    assertEquals(Map.of("Nodes", 1, "Services", 1, "Checks", 1, "KV entries", 2, "Sessions", 1), archive.counts());
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
}
