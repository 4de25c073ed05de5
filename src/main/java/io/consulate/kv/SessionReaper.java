package io.consulate.kv;

import io.consulate.catalog.CatalogSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Ends sessions whose TTL lapsed or whose node or checks failed, and reaps old tombstones. It has no timer of
 * its own: the agent calls {@link #sweep()} periodically and {@link #endDoomedSessions()} on every catalog
 * change, and tests call them with an injected clock. Every agent may sweep; ending a session twice is a no-op, since the second write finds
 * it gone.
 */
public final class SessionReaper {
  private static final Logger LOG = Logger.getLogger(SessionReaper.class.getName());

  private final KvStore store;
  private final Supplier<CatalogSnapshot> catalog;
  private final long aliveSince;
  private final AtomicBoolean running = new AtomicBoolean();

  /** TTLs count from now at the earliest, as a new Consul leader restarts every session's timer. */
  public SessionReaper(KvStore store, Supplier<CatalogSnapshot> catalog) {
    this.store = store;
    this.catalog = catalog;
    this.aliveSince = store.clock().millis();
  }

  /** The sessions that must end now, by id. */
  public List<String> doomed() {
    KvState kv = store.state();
    CatalogSnapshot cat = catalog.get();
    long now = store.clock().millis();
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
    return guarded(() -> endDoomed().thenCompose(x -> store.reap()));
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
    for (String id : doomed()) chain = chain.thenCompose(x -> store.write(c -> {
      SessionOps.destroy(c, id);
      return null;
    })).thenApply(x -> null);
    return chain;
  }

  /** A pass already running makes this call a no-op. */
  private CompletionStage<Void> guarded(Supplier<CompletionStage<Void>> pass) {
    if (!running.compareAndSet(false, true)) return CompletableFuture.completedFuture(null);
    return pass.get().whenComplete((x, err) -> {
      running.set(false);
      if (err != null) LOG.warning("session sweep failed: " + err);
    });
  }
}
