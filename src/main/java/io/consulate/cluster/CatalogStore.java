package io.consulate.cluster;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.ChangeSet;
import io.consulate.catalog.EntryKeys;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import org.infinispan.Cache;
import org.infinispan.context.Flag;
import org.infinispan.partitionhandling.AvailabilityException;

/**
 * The catalog's write path and read handle. A write is a command run against the current snapshot under a
 * fresh index; its change set goes to the cache (removals first, then entries, then index entries, so a
 * reader that sees an index sees the data behind it), and the returned stage completes only once this
 * agent has published a snapshot built after the write: read-your-writes for DNS and HTTP alike.
 *
 * <p>Writes from one agent are applied one batch at a time, so each command sees the effects of the earlier
 * batches; commands queued meanwhile are stored together when independent (see {@link WriteBatch}).
 */
public final class CatalogStore implements AutoCloseable {
  /** Commands stored together at most: bounds the latency a batch adds to its first command. */
  private static final int MAX_BATCH = 64;
  private final Cache<String, String> cache;
  private final IndexCounter counter;
  private final SnapshotPublisher<CatalogSnapshot> publisher = new SnapshotPublisher<>(CatalogSnapshot.EMPTY);
  private final ExecutorService rebuilder = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "catalog-snapshot");
    t.setDaemon(true);
    return t;
  });
  private final CacheMirror<CatalogSnapshot> mirror = new CacheMirror<>(rebuilder, publisher, EntryCodec::decode,
      (previous, entries, changed) -> previous.update(entries, changed));
  private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "catalog-writes");
    t.setDaemon(true);
    return t;
  });
  /** Commands waiting to be stored; one batch is in flight at a time, so each sees the previous ones. */
  private final Deque<Pending> queue = new ArrayDeque<>();
  private boolean draining;

  /** A command: reads the snapshot, adds its effects to the builder, or throws to refuse the write. */
  public interface Command extends BiConsumer<ChangeSet.Builder, CatalogSnapshot> {}

  public CatalogStore(Cache<String, String> cache, IndexCounter counter) {
    this.cache = cache;
    this.counter = counter;
    cache.addListener(mirror);
    mirror.load(Map.copyOf(cache.getAdvancedCache().withFlags(Flag.CACHE_MODE_LOCAL)));
  }

  /** The highest index already stored, for seeding a fresh counter. */
  public static long storedIndex(Cache<String, String> cache) {
    long max = 0;
    for (Map.Entry<String, String> e : cache.getAdvancedCache().withFlags(Flag.CACHE_MODE_LOCAL).entrySet()) {
      if (e.getKey().startsWith(EntryKeys.INDEX_PREFIX)) max = Math.max(max, Long.parseLong(e.getValue()));
    }
    return max;
  }

  public SnapshotPublisher<CatalogSnapshot> snapshots() {
    return publisher;
  }

  public CatalogSnapshot snapshot() {
    return publisher.current();
  }

  /** Applies a command; completes with the index its effects are visible at (unchanged if it was a no-op). */
  public CompletionStage<Long> write(Command command) {
    Pending p = new Pending(command, new CompletableFuture<>());
    synchronized (queue) {
      queue.add(p);
      if (draining) return p.done();
      draining = true;
    }
    drain();
    return p.done();
  }

  private record Pending(Command command, CompletableFuture<Long> done) {}

  /** Takes up to {@link #MAX_BATCH} queued commands, reserves their indexes and stores them; then the next lot. */
  private void drain() {
    List<Pending> taken = new ArrayList<>();
    synchronized (queue) {
      while (!queue.isEmpty() && taken.size() < MAX_BATCH) taken.add(queue.poll());
      if (taken.isEmpty()) {
        draining = false;
        return;
      }
    }
    counter.next(taken.size())
        .thenCompose(last -> apply(last - taken.size() + 1, taken))
        .exceptionallyCompose(CatalogStore::refusedWithoutLeader)
        .whenComplete((v, err) -> {
          if (err != null) for (Pending p : taken) p.done().completeExceptionally(err);
          writer.execute(this::drain); // not inline: a chain of synchronously completed batches would recurse
        });
  }

  /**
   * Computes each command against the current snapshot under its own index and stores those that fit one
   * {@link WriteBatch}; the first that does not, and those after it, go back to the head of the queue.
   */
  private CompletionStage<Void> apply(long firstIndex, List<Pending> taken) {
    CatalogSnapshot base = publisher.current();
    WriteBatch batch = new WriteBatch();
    Map<Pending, Long> stored = new LinkedHashMap<>();
    for (int i = 0; i < taken.size(); i++) {
      Pending p = taken.get(i);
      ChangeSet.Builder builder = new ChangeSet.Builder(firstIndex + i);
      try {
        p.command().accept(builder, base);
      } catch (RuntimeException e) {
        p.done().completeExceptionally(e);
        continue;
      }
      ChangeSet changes = builder.build();
      if (changes.isEmpty()) {
        p.done().complete(base.index());
      } else if (batch.accepts(changes)) {
        batch.add(changes);
        stored.put(p, changes.index());
      } else {
        requeue(taken.subList(i, taken.size()));
        break;
      }
    }
    if (batch.isEmpty()) return CompletableFuture.completedFuture(null);
    CompletableFuture<?> removals = CompletableFuture.allOf(batch.removals().stream()
        .map(k -> cache.removeAsync(k)).toArray(CompletableFuture[]::new));
    return removals
        .thenCompose(x -> cache.putAllAsync(batch.puts()))
        .thenCompose(x -> IndexEntries.raiseAll(cache, batch.indexes()))
        .thenCompose(x -> mirror.rebuilt())
        .thenAccept(snap -> stored.forEach((p, index) -> p.done().complete(index)));
  }

  private void requeue(List<Pending> rest) {
    synchronized (queue) {
      for (int i = rest.size() - 1; i >= 0; i--) queue.addFirst(rest.get(i));
    }
  }

  /** A minority partition refuses cache writes; say so in Consul's words. */
  private static <T> CompletionStage<T> refusedWithoutLeader(Throwable err) {
    Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
    return CompletableFuture.failedFuture(cause instanceof AvailabilityException ? new NoLeaderException() : cause);
  }

  @Override
  public void close() {
    cache.removeListener(mirror);
    rebuilder.shutdown();
    writer.shutdown();
  }
}
