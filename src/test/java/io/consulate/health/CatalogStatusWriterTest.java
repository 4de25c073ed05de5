package io.consulate.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.consulate.catalog.CheckDefinition;
import io.consulate.catalog.HealthCheck;
import io.consulate.store.CatalogCommand;
import io.consulate.store.CatalogOp;
import io.consulate.store.LoneStore;
import io.consulate.store.Store;
import io.consulate.catalog.HealthStatus;
import io.consulate.catalog.Node;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** No write storms: status changes go out at once, output-only changes at most once per interval. */
class CatalogStatusWriterTest {
  private final ManualTimers timers = new ManualTimers();
  private LoneStore lone;
  private Store store;
  private CatalogStatusWriter writer;

  @BeforeEach
  void setUp() throws Exception {
    lone = new LoneStore(timers.clock, null);
    store = lone.store;
    HealthCheck check = new HealthCheck("n1", "c1", "c1", HealthStatus.CRITICAL, "", "", "", "", List.of(), "tcp",
        CheckDefinition.NONE, 0, 0);
    lone.submit(CatalogCommand.of(
        new CatalogOp.RegisterNode(new Node("n1", "id", "10.0.0.1", "dc1", Map.of(), Map.of(), 0, 0)),
        new CatalogOp.RegisterCheck(check)));
    writer = new CatalogStatusWriter(store, "n1", timers.clock, timers, Duration.ofMinutes(5));
  }

  @AfterEach
  void tearDown() {
    lone.close();
  }

  private void report(HealthStatus status, String output) throws Exception {
    writer.report("c1", new CheckResult(status, output)).toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private HealthCheck stored() {
    return store.snapshot().check("n1", "c1");
  }

  @Test
  void statusChangesAreWrittenAtOnce() throws Exception {
    report(HealthStatus.PASSING, "ok");
    assertEquals(HealthStatus.PASSING, stored().status());
    report(HealthStatus.CRITICAL, "refused");
    assertEquals(HealthStatus.CRITICAL, stored().status());
    assertEquals("refused", stored().output());
  }

  @Test
  void outputOnlyChangesWaitForTheIntervalAndDoNotMoveTheIndex() throws Exception {
    report(HealthStatus.PASSING, "took 1 ms");
    long index = store.snapshot().index();
    report(HealthStatus.PASSING, "took 2 ms");
    report(HealthStatus.PASSING, "took 3 ms");
    assertEquals("took 1 ms", stored().output());
    assertEquals(index, store.snapshot().index(), "nothing written, nothing woken");
    timers.advance(Duration.ofMinutes(5));
    waitFor(() -> "took 3 ms".equals(stored().output()));
  }

  @Test
  void unchangedResultsWriteNothing() throws Exception {
    report(HealthStatus.PASSING, "ok");
    long index = store.snapshot().index();
    report(HealthStatus.PASSING, "ok");
    assertEquals(index, store.snapshot().index());
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    // the deferred write completes on the store's threads; wait for that event, bounded
    for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) Thread.sleep(10);
    assertEquals(true, condition.getAsBoolean());
  }
}
