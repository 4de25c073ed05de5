package io.consulate.cluster;

import io.consulate.catalog.CatalogWrites;
import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.HealthStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.infinispan.Cache;

/**
 * The leader's side of failure handling (Consul's leader reconciling serf events): compares the member
 * records with the current view and writes the consequences. A member missing from the view is failed and its
 * {@code serfHealth} critical, so its services leave DNS everywhere; one back in the view is alive and passing
 * again; one failed for longer than {@code reconnect_timeout} is removed from the catalog. Every step is
 * idempotent, so running it again after a lost write or a leader change repairs what was missed.
 */
final class SerfHealthKeeper {
  static final String ALIVE_OUTPUT = "Agent alive and reachable";
  static final String DEAD_OUTPUT = "Agent not live or unreachable";

  private final CatalogStore store;
  private final Cache<String, String> members;
  private final Duration reconnectTimeout;
  private final Clock clock;

  SerfHealthKeeper(CatalogStore store, Cache<String, String> members, Duration reconnectTimeout, Clock clock) {
    this.store = store;
    this.members = members;
    this.reconnectTimeout = reconnectTimeout;
    this.clock = clock;
  }

  /** One pass over every member; {@code view} holds the lower-cased names of the members in the view. */
  CompletionStage<Void> reconcile(Set<String> view) {
    long now = clock.millis();
    CompletionStage<?> chain = CompletableFuture.completedFuture(null);
    for (Map.Entry<String, String> e : Map.copyOf(members).entrySet()) {
      if (e.getKey().startsWith(Membership.RESERVED_PREFIX)) continue;
      Member m = Member.decode(e.getValue());
      if (view.contains(e.getKey())) {
        if (m.status() == Member.FAILED) members.put(e.getKey(), m.withStatus(Member.ALIVE, now).encode());
        if (m.status() != Member.LEFT) chain = chain.thenCompose(x -> setSerfHealth(m.name(), HealthStatus.PASSING));
      } else if (m.status() != Member.LEFT) {
        Member failed = m.status() == Member.FAILED ? m : m.withStatus(Member.FAILED, now);
        if (failed != m) members.put(e.getKey(), failed.encode());
        if (now - failed.since() > reconnectTimeout.toMillis()) {
          chain = chain.thenCompose(x -> reap(e.getKey(), failed.name()));
        } else {
          chain = chain.thenCompose(x -> setSerfHealth(failed.name(), HealthStatus.CRITICAL));
        }
      }
    }
    return chain.thenApply(x -> null);
  }

  /** Sets the node's serfHealth; a passing one is only restored if we were the ones who failed it. */
  private CompletionStage<Long> setSerfHealth(String node, HealthStatus target) {
    HealthCheck serf = store.snapshot().check(node, HealthCheck.SERF_HEALTH);
    if (serf == null || serf.status() == target) return CompletableFuture.completedFuture(0L);
    if (target == HealthStatus.PASSING && !DEAD_OUTPUT.equals(serf.output())) return CompletableFuture.completedFuture(0L);
    String output = target == HealthStatus.PASSING ? ALIVE_OUTPUT : DEAD_OUTPUT;
    return store.write((b, snap) -> {
      HealthCheck current = snap.check(node, HealthCheck.SERF_HEALTH);
      if (current != null && current.status() != target) CatalogWrites.registerCheck(b, snap, current.withStatus(target, output));
    });
  }

  private CompletionStage<Void> reap(String key, String node) {
    return store.write((b, snap) -> CatalogWrites.deregisterNode(b, snap, node))
        .thenRun(() -> members.remove(key));
  }

  static String key(String node) {
    return node.toLowerCase(Locale.ROOT);
  }
}
