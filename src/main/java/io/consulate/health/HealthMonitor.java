package io.consulate.health;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.CheckDefinition;
import io.consulate.catalog.GoDuration;
import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.HealthStatus;
import io.consulate.store.SnapshotPublisher;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Runs this agent's checks: starts the right kind for each definition, stops it on deregistration, and takes
 * TTL updates. Callable from any thread; every check's state lives on the checks' thread.
 */
public final class HealthMonitor {
  private final String node;
  private final CheckTimers timers;
  private final StatusSink sink;
  private final Function<CheckDefinition, Probe> probes;
  private final Map<String, RunningCheck> running = new ConcurrentHashMap<>();
  private final SnapshotPublisher<CatalogSnapshot> snapshots;

  HealthMonitor(String node, CheckTimers timers, StatusSink sink, Function<CheckDefinition, Probe> probes,
      SnapshotPublisher<CatalogSnapshot> snapshots) {
    this.node = node;
    this.timers = timers;
    this.sink = sink;
    this.probes = probes;
    this.snapshots = snapshots;
    snapshots.subscribe(snap -> timers.execute(() -> aliasesSee(snap)));
  }

  public static HealthMonitor create(io.vertx.core.Vertx vertx, String node, CheckTimers timers, StatusSink sink,
      SnapshotPublisher<CatalogSnapshot> snapshots, io.micrometer.core.instrument.MeterRegistry registry) {
    Probes probes = new Probes(vertx);
    return new HealthMonitor(node, timers, sink, ProbeMetrics.timed(probes::forDefinition, registry), snapshots);
  }

  /** Starts (or restarts, when re-registered) the check. Checks with nothing to run (none, maintenance) are ignored. */
  public void start(HealthCheck check) {
    timers.execute(() -> {
      RunningCheck old = running.remove(check.checkId());
      if (old != null) old.stop();
      RunningCheck next = create(check);
      if (next != null) {
        running.put(check.checkId(), next);
        next.start();
        if (next instanceof AliasCheck alias) alias.onSnapshot(snapshots.current());
      }
    });
  }

  public void stop(String checkId) {
    timers.execute(() -> {
      RunningCheck old = running.remove(checkId);
      if (old != null) old.stop();
      sink.forget(checkId);
    });
  }

  /** Anti-entropy for check results: the catalog gets each check's newest result back where it differs. */
  public void resync() {
    timers.execute(sink::resync);
  }

  /**
   * A TTL report, applied on the timers' thread after any start of that check that came before it (so a report
   * right after a registration is not lost); completes false when the check is not a running TTL check.
   */
  public CompletionStage<Boolean> ttlUpdate(String checkId, HealthStatus status, String output) {
    CompletableFuture<Boolean> done = new CompletableFuture<>();
    timers.execute(() -> {
      if (!(running.get(checkId) instanceof TtlCheck ttl)) {
        done.complete(false);
        return;
      }
      ttl.update(status, output).whenComplete((v, err) -> {
        if (err != null) done.completeExceptionally(err);
        else done.complete(true);
      });
    });
    return done;
  }

  private RunningCheck create(HealthCheck check) {
    CheckDefinition def = check.definition();
    String id = check.checkId();
    switch (def.type()) {
      case "ttl":
        return new TtlCheck(id, GoDuration.parse(def.ttl()), timers, sink);
      case "alias":
        return new AliasCheck(id, def.aliasNode().isEmpty() ? node : def.aliasNode(), def.aliasService(), sink);
      case "":
        return null;
      default:
        Probe probe = probes.apply(def);
        if (probe == null) return null;
        Duration interval = GoDuration.parse(def.interval());
        Duration stagger = Duration.ofMillis(ThreadLocalRandom.current().nextLong(Math.max(1, interval.toMillis())));
        return new PeriodicCheck(id, probe, interval, stagger,
            new Thresholds(def.successBeforePassing(), def.failuresBeforeWarning(), def.failuresBeforeCritical()),
            timers, sink);
    }
  }

  private void aliasesSee(CatalogSnapshot snap) {
    for (RunningCheck c : running.values()) {
      if (c instanceof AliasCheck alias) alias.onSnapshot(snap);
    }
  }
}
