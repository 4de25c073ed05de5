package io.consulate.store;

import io.consulate.kv.KvState;
import io.consulate.kv.Session;
import io.consulate.kv.SessionOps;

import io.consulate.catalog.CatalogSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.time.Clock;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The leader's session timers: ends sessions whose TTL lapsed or whose node or checks failed, and reaps old
 * tombstones and lock delays. It has no timer of its own: the agent calls {@link #sweep()} periodically and
 * {@link #endDoomedSessions()} on every catalog change, and tests call them with an injected clock. Only the
 * leader's passes write, so one clock decides; ending a session twice is a no-op anyway.
 */
public final class SessionReaper {
  private static final Logger LOG = Logger.getLogger(SessionReaper.class.getName());

  private final Store store;
  private final Clock clock;
  /** When this server became leader: TTLs count from then at the earliest, as a new Consul leader restarts them. */
  private volatile long leaderSince;
  private final AtomicBoolean running = new AtomicBoolean();

  public SessionReaper(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** The sessions that must end now, by id. */
  public List<String> doomed() {
    KvState kv = store.kvState();
    CatalogSnapshot cat = store.snapshot();
    long now = clock.millis();
    long aliveSince = leaderSince;
    List<String> out = new ArrayList<>();
    for (Session s : kv.sessions()) {
      String reason = SessionOps.invalidReason(s, kv, cat, now, aliveSince);
      if (reason != null) {
        LOG.info("invalidating session " + s.id() + " (" + s.name() + "): " + reason);
        out.add(s.id());
      }
    }
    return out;
  }

  /** Ends the doomed sessions and reaps expired tombstones and lock delays: the periodic sweep. */
  public CompletionStage<Void> sweep() {
    return guarded(() -> endDoomed().thenCompose(x -> reap()));
  }

  /** A log entry only when something is due: an idle cluster writes nothing. */
  private CompletionStage<Void> reap() {
    long now = clock.millis();
    KvState kv = store.kvState();
    boolean due = kv.tombstones().values().stream().anyMatch(t -> t.atMillis() + HousekeepingCommand.TOMBSTONE_TTL.toMillis() < now)
        || kv.lockDelays().values().stream().anyMatch(until -> until < now);
    if (!due) return CompletableFuture.completedFuture(null);
    return store.submit(new HousekeepingCommand.Reap(now)).thenApply(x -> null);
  }

  /**
   * Ends only the sessions a catalog change may have doomed (their node or a check went critical). Tombstones
   * and lock delays expire with time, not with catalog writes, so they are left to {@link #sweep()}.
   */
  public CompletionStage<Void> endDoomedSessions() {
    return guarded(this::endDoomed);
  }

  private CompletionStage<Void> endDoomed() {
    CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
    for (String id : doomed()) {
      chain = chain.thenCompose(x -> store.submit(new SessionCommand.Destroy(id, clock.millis()))).thenApply(x -> null);
    }
    return chain;
  }

  /** A pass already running makes this call a no-op. */
  private CompletionStage<Void> guarded(Supplier<CompletionStage<Void>> pass) {
    if (!store.isLeader()) {
      leaderSince = 0;
      return CompletableFuture.completedFuture(null);
    }
    if (leaderSince == 0) leaderSince = clock.millis();
    if (!running.compareAndSet(false, true)) return CompletableFuture.completedFuture(null);
    return pass.get().whenComplete((x, err) -> {
      running.set(false);
      if (err != null) LOG.warning("session sweep failed: " + err);
    });
  }
}
