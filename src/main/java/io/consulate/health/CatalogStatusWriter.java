package io.consulate.health;

import io.consulate.catalog.HealthCheck;
import io.consulate.store.CatalogCommand;
import io.consulate.store.CatalogOp;
import io.consulate.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Writes check results to the catalog without write storms (Consul's {@code check_update_interval}): a status
 * change is written at once; a change of output alone is written at most once per interval, the latest output
 * being flushed when the interval ends. Blocking queries and templates therefore wake only for real changes.
 * A write that fails (no leader, a partition) is retried every {@link #RETRY_INTERVAL} until it lands or a newer
 * result replaces it, so no result is lost. Called on the checks' thread only (timers run there too).
 */
public final class CatalogStatusWriter implements StatusSink {
  /** Consul's default {@code check_update_interval}. */
  public static final Duration DEFAULT_UPDATE_INTERVAL = Duration.ofMinutes(5);
  static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);

  private final Store store;
  private final String node;
  private final Clock clock;
  private final CheckTimers timers;
  private final Duration outputInterval;
  private final Map<String, Instant> lastOutputWrite = new HashMap<>();
  private final Map<String, CheckResult> deferred = new HashMap<>();
  /** The newest result written per check: a retry of an older one is dropped. */
  private final Map<String, CheckResult> newest = new HashMap<>();

  public CatalogStatusWriter(Store store, String node, Clock clock, CheckTimers timers, Duration outputInterval) {
    this.store = store;
    this.node = node;
    this.clock = clock;
    this.timers = timers;
    this.outputInterval = outputInterval;
  }

  @Override
  public CompletionStage<Void> report(String checkId, CheckResult result) {
    HealthCheck current = store.snapshot().check(node, checkId);
    if (current == null) return done();
    if (current.status() == result.status()) {
      if (current.output().equals(result.output())) return done();
      Instant last = lastOutputWrite.get(checkId);
      Instant now = clock.instant();
      if (last != null && Duration.between(last, now).compareTo(outputInterval) < 0) {
        if (deferred.put(checkId, result) == null) {
          timers.schedule(Duration.between(now, last.plus(outputInterval)), () -> flush(checkId));
        }
        return done();
      }
    }
    deferred.remove(checkId);
    return write(checkId, result);
  }

  /**
   * The catalog lost or reset a check (re-registered after a catalog loss, or with its definition's initial
   * status): its newest result goes back, so the catalog shows what this agent's check says, as Consul's
   * anti-entropy does. Only the status is compared; output alone is left to the output interval.
   */
  @Override
  public void resync() {
    for (Map.Entry<String, CheckResult> e : Map.copyOf(newest).entrySet()) {
      HealthCheck current = store.snapshot().check(node, e.getKey());
      if (current != null && current.status() != e.getValue().status()) write(e.getKey(), e.getValue());
    }
  }

  private void flush(String checkId) {
    CheckResult latest = deferred.remove(checkId);
    if (latest != null) write(checkId, latest);
  }

  private CompletionStage<Void> write(String checkId, CheckResult result) {
    lastOutputWrite.put(checkId, clock.instant());
    newest.put(checkId, result);
    CompletionStage<?> written = store.submit(CatalogCommand.of(
        new CatalogOp.UpdateCheck(node, checkId, result.status(), result.output())));
    written.whenComplete((x, err) -> {
      // Completed on a store thread: back to the checks' thread before touching the timers.
      if (err != null) timers.execute(() -> timers.schedule(RETRY_INTERVAL, () -> retry(checkId, result)));
    });
    return written.thenApply(x -> (Void) null);
  }

  private void retry(String checkId, CheckResult result) {
    if (newest.get(checkId) == result) write(checkId, result);
  }

  @Override
  public void forget(String checkId) {
    lastOutputWrite.remove(checkId);
    deferred.remove(checkId);
    newest.remove(checkId);
  }

  private static CompletionStage<Void> done() {
    return CompletableFuture.completedFuture(null);
  }
}
