package io.consulate.cluster;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.ChangeSet;
import io.consulate.catalog.EntryKeys;
import java.util.HashMap;
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
 * agent's published snapshot contains the write: read-your-writes for DNS and HTTP alike.
 *
 * <p>Writes from one agent are applied one at a time, so each command sees the effects of the previous one.
 */
public final class CatalogStore implements AutoCloseable {
  private final Cache<String, String> cache;
  private final IndexCounter counter;
  private final SnapshotPublisher publisher = new SnapshotPublisher();
  private final ExecutorService rebuilder = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "catalog-snapshot");
    t.setDaemon(true);
    return t;
  });
  private final CacheMirror mirror = new CacheMirror(rebuilder, publisher);
  private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

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

  public SnapshotPublisher snapshots() {
    return publisher;
  }

  public CatalogSnapshot snapshot() {
    return publisher.current();
  }

  /** Applies a command; completes with the index its effects are visible at (unchanged if it was a no-op). */
  public synchronized CompletionStage<Long> write(Command command) {
    CompletableFuture<Long> result = tail.handle((ignored, err) -> null)
        .thenCompose(ignored -> counter.next())
        .thenCompose(index -> apply(index, command))
        .exceptionallyCompose(CatalogStore::refusedWithoutLeader)
        .toCompletableFuture();
    tail = result;
    return result;
  }

  private CompletionStage<Long> apply(long index, Command command) {
    ChangeSet.Builder builder = new ChangeSet.Builder(index);
    CatalogSnapshot base = publisher.current();
    command.accept(builder, base);
    ChangeSet changes = builder.build();
    if (changes.isEmpty()) return CompletableFuture.completedFuture(base.index());

    CompletableFuture<?> removals = CompletableFuture.allOf(changes.removals().stream()
        .map(k -> cache.removeAsync(k)).toArray(CompletableFuture[]::new));
    Map<String, String> entries = new HashMap<>();
    changes.puts().forEach((k, v) -> entries.put(k, EntryCodec.encode(v)));
    Map<String, Long> indexes = new HashMap<>();
    for (String key : changes.touchedIndexes()) indexes.put(EntryKeys.index(key), index);
    return removals
        .thenCompose(x -> cache.putAllAsync(entries))
        .thenCompose(x -> IndexEntries.raiseAll(cache, indexes))
        .thenCompose(x -> publisher.awaitIndex(index))
        .thenApply(snap -> index);
  }

  /** A minority partition refuses cache writes; say so in Consul's words. */
  private static CompletionStage<Long> refusedWithoutLeader(Throwable err) {
    Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
    return CompletableFuture.failedFuture(cause instanceof AvailabilityException ? new NoLeaderException() : cause);
  }

  @Override
  public void close() {
    cache.removeListener(mirror);
    rebuilder.shutdown();
  }
}
