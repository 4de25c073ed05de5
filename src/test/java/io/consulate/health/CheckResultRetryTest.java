package io.consulate.health;

import static io.consulate.store.RaftTestSupport.awaitTrue;
import static io.consulate.store.RaftTestSupport.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.consulate.catalog.CheckDefinition;
import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.HealthStatus;
import io.consulate.catalog.Node;
import io.consulate.cluster.RaftSettings;
import io.consulate.store.CatalogOp;
import io.consulate.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A check result that reaches the store while there is no leader is not lost: a group of two servers loses one,
 * the result's write fails, and once the server is back the retry (on the checks' timers) lands it.
 */
class CheckResultRetryTest {
  @TempDir
  Path data;
  private final List<Store> open = new ArrayList<>();

  @AfterEach
  void close() {
    for (Store s : open) s.close();
  }

  @Test
  void aResultWrittenWithoutALeaderLandsOnceALeaderIsBack() throws Exception {
    List<Integer> ports = List.of(freePort(), freePort());
    List<String> addresses = ports.stream().map(p -> "127.0.0.1:" + p).toList();
    Store a = start("a", ports.get(0), addresses);
    Store b = start("b", ports.get(1), addresses);
    awaitTrue(() -> a.raft().knownLeader() && b.raft().knownLeader());
    HealthCheck check = new HealthCheck("n1", "c1", "c1", HealthStatus.CRITICAL, "", "", "", "", List.of(), "tcp",
        CheckDefinition.NONE, 0, 0);
    a.catalog(new CatalogOp.RegisterNode(new Node("n1", "id", "10.0.0.1", "dc1", Map.of(), Map.of(), 0, 0)),
        new CatalogOp.RegisterCheck(check)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    ManualTimers timers = new ManualTimers();
    CatalogStatusWriter writer = new CatalogStatusWriter(a, "n1", timers.clock, timers, Duration.ofMinutes(5));

    b.close();
    open.remove(b);
    awaitTrue(() -> !a.raft().knownLeader());
    ExecutionException refused = assertThrows(ExecutionException.class, () ->
        writer.report("c1", new CheckResult(HealthStatus.PASSING, "ok")).toCompletableFuture().get(10, TimeUnit.SECONDS));
    assertEquals("No cluster leader", refused.getCause().getMessage());

    start("b", ports.get(1), addresses);
    awaitTrue(() -> a.raft().knownLeader());
    assertEquals(HealthStatus.CRITICAL, a.snapshot().check("n1", "c1").status(), "nothing lands before the retry");
    awaitTrue(() -> {
      timers.advance(CatalogStatusWriter.RETRY_INTERVAL);
      return a.snapshot().check("n1", "c1").status() == HealthStatus.PASSING;
    });
    assertEquals("ok", a.snapshot().check("n1", "c1").output());
  }

  private Store start(String id, int port, List<String> addresses) throws Exception {
    Store s = Store.start(new RaftSettings(id, List.of("a", "b"), "127.0.0.1", port, addresses, data.resolve(id), false,
        io.consulate.cluster.GossipKey.NONE),
        "retry-test");
    open.add(s);
    return s;
  }
}
