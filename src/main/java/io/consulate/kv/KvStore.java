package io.consulate.kv;

import io.consulate.cluster.CacheMirror;
import io.consulate.cluster.IndexCounter;
import io.consulate.cluster.SnapshotPublisher;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.infinispan.Cache;
import org.infinispan.context.Flag;

/**
 * The KV store's and sessions' write path and read handle, built like the catalog's: a command runs against
 * the current {@link KvState} under a fresh index from the counter the catalog shares (one cluster-wide
 * index), its changes go to the two caches (removals, then entries, then the table indexes, then the write's
 * own index, so a reader that sees an index sees the data behind it), and the returned stage completes once this agent's published
 * state contains the write. Writes from one agent run one at a time.
 */
public final class KvStore implements AutoCloseable {
  public static final String KV_CACHE = "consulate-kv";
  public static final String SESSION_CACHE = "consulate-sessions";
  /** Consul's default {@code tombstone_ttl}: how long a deleted key keeps prefix indexes from going back. */
  static final Duration TOMBSTONE_TTL = Duration.ofMinutes(15);

  /** What a write returned, and the index its effects are visible at (unchanged if it was a no-op). */
  public record Written<R>(R value, long index) {}

  /** A write: reads and changes the working view, returns its answer, or throws to store nothing. */
  public interface Command<R> {
    R apply(KvChanges changes);
  }

  private final Cache<String, String> kv;
  private final Cache<String, String> sessions;
  private final IndexCounter counter;
  private final Clock clock;
  private final SnapshotPublisher<KvState> publisher = new SnapshotPublisher<>(KvState.EMPTY);
  private final ExecutorService rebuilder = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "kv-snapshot");
    t.setDaemon(true);
    return t;
  });
  private final CacheMirror<KvState> mirror = new CacheMirror<>(rebuilder, publisher, KvCodec::decode,
      (previous, entries, changed) -> KvCodec.state(entries));
  private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

  public KvStore(Cache<String, String> kv, Cache<String, String> sessions, IndexCounter counter, Clock clock) {
    this.kv = kv;
    this.sessions = sessions;
    this.counter = counter;
    this.clock = clock;
    kv.addListener(mirror);
    sessions.addListener(mirror);
    Map<String, String> stored = new HashMap<>(local(kv));
    stored.putAll(local(sessions));
    mirror.load(stored);
  }

  /** The highest index already stored in either cache, for seeding the shared counter. */
  public static long storedIndex(Cache<String, String> kv, Cache<String, String> sessions) {
    long max = 0;
    for (String v : new String[] {local(kv).get(KvCodec.LAST_INDEX), local(sessions).get(KvCodec.SESSION_INDEX)}) {
      if (v != null) max = Math.max(max, Long.parseLong(v));
    }
    return max;
  }

  private static Map<String, String> local(Cache<String, String> cache) {
    return cache.getAdvancedCache().withFlags(Flag.CACHE_MODE_LOCAL);
  }

  public SnapshotPublisher<KvState> snapshots() {
    return publisher;
  }

  public KvState state() {
    return publisher.current();
  }

  public Clock clock() {
    return clock;
  }

  public synchronized <R> CompletionStage<Written<R>> write(Command<R> command) {
    CompletableFuture<Written<R>> result = tail.handle((ignored, err) -> null)
        .thenCompose(ignored -> counter.next())
        .thenCompose(index -> apply(index, command))
        .toCompletableFuture();
    tail = result;
    return result;
  }

  private <R> CompletionStage<Written<R>> apply(long index, Command<R> command) {
    KvState base = publisher.current();
    KvChanges c = new KvChanges(base, index, clock.millis());
    R value = command.apply(c);
    if (c.isEmpty()) return CompletableFuture.completedFuture(new Written<>(value, base.index()));

    List<CompletableFuture<?>> removals = new ArrayList<>();
    c.deletes.forEach(k -> removals.add(kv.removeAsync(KvCodec.ENTRY + k)));
    for (String id : c.sessionDeletes) {
      removals.add(sessions.removeAsync(KvCodec.SESSION + id));
      removals.add(sessions.removeAsync(KvCodec.RENEWAL + id));
    }
    Map<String, String> kvPuts = new HashMap<>();
    c.puts.forEach((k, e) -> kvPuts.put(KvCodec.ENTRY + k, KvCodec.encode(e)));
    c.tombstones.forEach((k, t) -> kvPuts.put(KvCodec.TOMBSTONE + k, KvCodec.encode(t)));
    c.lockDelays.forEach((k, until) -> kvPuts.put(KvCodec.LOCK_DELAY + k, Long.toString(until)));
    Map<String, String> sessionPuts = new HashMap<>();
    c.sessionPuts.forEach((id, s) -> sessionPuts.put(KvCodec.SESSION + id, KvCodec.encode(s)));
    c.renewals.forEach(id -> sessionPuts.put(KvCodec.RENEWAL + id, Long.toString(c.nowMillis())));
    String stamp = Long.toString(index);
    return CompletableFuture.allOf(removals.toArray(CompletableFuture[]::new))
        .thenCompose(x -> CompletableFuture.allOf(kv.putAllAsync(kvPuts), sessions.putAllAsync(sessionPuts)))
        .thenCompose(x -> CompletableFuture.allOf(
            kvPuts.isEmpty() && c.deletes.isEmpty() ? done() : kv.putAsync(KvCodec.KV_INDEX, stamp),
            c.sessionsChanged() ? sessions.putAsync(KvCodec.SESSION_INDEX, stamp) : done()))
        .thenCompose(x -> kv.putAsync(KvCodec.LAST_INDEX, stamp))
        .thenCompose(x -> mirror.rebuilt())
        .thenApply(state -> new Written<>(value, index));
  }

  /** Restarts a session's TTL on every agent; completes with the session, or null if it does not exist. */
  public CompletionStage<Session> renew(String id) {
    return write(c -> {
      Session s = c.session(id);
      if (s != null) c.renew(id);
      return s;
    }).thenApply(Written::value);
  }

  /** Drops tombstones older than the tombstone TTL and lock delays that have run out; no index moves. */
  public CompletionStage<Void> reap() {
    long now = clock.millis();
    KvState s = publisher.current();
    List<CompletableFuture<?>> removals = new ArrayList<>();
    s.tombstones().forEach((k, t) -> {
      if (t.atMillis() + TOMBSTONE_TTL.toMillis() < now) removals.add(kv.removeAsync(KvCodec.TOMBSTONE + k));
    });
    s.lockDelays().forEach((k, until) -> {
      if (until < now) removals.add(kv.removeAsync(KvCodec.LOCK_DELAY + k));
    });
    return CompletableFuture.allOf(removals.toArray(CompletableFuture[]::new));
  }

  private static CompletableFuture<Void> done() {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void close() {
    kv.removeListener(mirror);
    sessions.removeListener(mirror);
    rebuilder.shutdown();
  }
}
