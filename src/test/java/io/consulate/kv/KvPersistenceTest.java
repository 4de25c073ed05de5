package io.consulate.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.agent.Agent;
import io.consulate.agent.TestAgent;
import io.consulate.http.ApiClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KV entries, sessions and the shared index survive an agent restart on the same data dir. */
class KvPersistenceTest {
  @TempDir
  Path dataDir;

  @Test
  void kvAndSessionsSurviveARestartAndIndexesKeepRising() throws Exception {
    Agent first = TestAgent.startWithDataDir(dataDir, null);
    long before;
    String session;
    try (ApiClient api = new ApiClient(first.httpPort())) {
      api.put("/v1/kv/persist/k", "kept");
      session = api.put("/v1/session/create", "").bodyAsJsonObject().getString("ID");
      api.put("/v1/kv/persist/lock?acquire=" + session, "");
      before = Long.parseLong(api.get("/v1/kv/persist/?recurse").getHeader("X-Consul-Index"));
    } finally {
      TestAgent.stop(first);
    }
    Agent second = TestAgent.startWithDataDir(dataDir, null);
    try (ApiClient api = new ApiClient(second.httpPort())) {
      assertEquals("kept", api.get("/v1/kv/persist/k?raw").bodyAsString());
      assertEquals(session, api.get("/v1/kv/persist/lock").bodyAsJsonArray().getJsonObject(0).getString("Session"));
      api.put("/v1/kv/persist/k", "changed");
      long after = api.get("/v1/kv/persist/k").bodyAsJsonArray().getJsonObject(0).getLong("ModifyIndex");
      assertTrue(after > before, "index " + after + " after a restart must exceed " + before);
    } finally {
      TestAgent.stop(second);
    }
  }
}
