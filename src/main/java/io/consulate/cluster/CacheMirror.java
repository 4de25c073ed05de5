package io.consulate.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.infinispan.Cache;
import org.infinispan.context.Flag;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryModified;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryRemoved;
import org.infinispan.notifications.cachelistener.annotation.PartitionStatusChanged;
import org.infinispan.notifications.cachelistener.annotation.TopologyChanged;
import org.infinispan.notifications.cachelistener.event.CacheEntryEvent;
import org.infinispan.notifications.cachelistener.event.CacheEntryRemovedEvent;
import org.infinispan.notifications.cachelistener.event.Event;

/**
 * Decoded copy of one or more caches, kept current by cache events (local and replicated writes alike), and
 * the builder of snapshots from it. Events only update the map and request a rebuild; rebuilds run on one
 * executor and coalesce, so a burst of writes yields one snapshot, and the JGroups thread delivering a
 * replicated write is never held up. The catalog and the KV store each have one, with their own codec.
 */
@Listener(observation = Listener.Observation.POST)
public final class CacheMirror<S> {
  private static final Logger LOG = Logger.getLogger(CacheMirror.class.getName());

  /** Sorted, so a snapshot builder can read one node's entries by key prefix. */
  private final ConcurrentSkipListMap<String, Object> entries = new ConcurrentSkipListMap<>();
  /** Keys changed since the last rebuild started: what an incremental builder has to look at. */
  private final Set<String> changed = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean rebuildPending = new AtomicBoolean();
  private final Executor rebuilder;
  private final SnapshotPublisher<S> publisher;
  private final BiFunction<String, String, Object> decoder;
  private final Builder<S> builder;
  /** Writers waiting for a snapshot built after their puts; served by the next rebuild to start. */
  private final List<CompletableFuture<S>> waiting = new ArrayList<>();

  /** Makes the next snapshot from the previous one, every decoded entry, and the keys changed since. */
  @FunctionalInterface
  public interface Builder<S> {
    S build(S previous, NavigableMap<String, Object> entries, Set<String> changed);
  }

  /** {@code decoder} turns a stored key and value into an entry; {@code builder} makes the next snapshot. */
  public CacheMirror(Executor rebuilder, SnapshotPublisher<S> publisher, BiFunction<String, String, Object> decoder,
      Builder<S> builder) {
    this.rebuilder = rebuilder;
    this.publisher = publisher;
    this.decoder = decoder;
    this.builder = builder;
  }

  public void load(Map<String, String> stored) {
    stored.forEach(this::apply);
    requestRebuild();
  }

  @CacheEntryCreated
  @CacheEntryModified
  public void onWrite(CacheEntryEvent<String, String> event) {
    if (event.isPre()) return;
    apply(event.getKey(), event.getValue());
    requestRebuild();
  }

  /**
   * After a partition merge, conflict resolution writes the winning entries without entry events, so on every
   * topology or availability change the mirror is re-read from the local copy of the cache (rare; O(entries)).
   */
  @TopologyChanged
  @PartitionStatusChanged
  public void onTopology(Event<String, String> event) {
    if (event.isPre()) return;
    Cache<String, String> cache = event.getCache();
    rebuilder.execute(() -> resync(cache.getAdvancedCache().withFlags(Flag.CACHE_MODE_LOCAL)));
  }

  private void resync(Map<String, String> stored) {
    for (String key : entries.keySet()) {
      if (!stored.containsKey(key)) {
        entries.remove(key);
        changed.add(key);
      }
    }
    stored.forEach(this::apply);
    requestRebuild();
  }

  @CacheEntryRemoved
  public void onRemove(CacheEntryRemovedEvent<String, String> event) {
    if (event.isPre()) return;
    entries.remove(event.getKey());
    changed.add(event.getKey());
    requestRebuild();
  }

  private void apply(String key, String value) {
    try {
      entries.put(key, decoder.apply(key, value));
      changed.add(key);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "ignoring unreadable stored entry " + key + ": " + e.getMessage());
    }
  }

  /**
   * A snapshot built from everything stored before this call: what a writer awaits once its puts are done,
   * to read its own write. (Waiting for the write's index is not enough: a rebuild may run between the
   * events of one putAll and publish that index before the rest of the write.)
   */
  public CompletionStage<S> rebuilt() {
    CompletableFuture<S> done = new CompletableFuture<>();
    synchronized (waiting) {
      waiting.add(done);
    }
    requestRebuild();
    return done;
  }

  private void requestRebuild() {
    if (rebuildPending.compareAndSet(false, true)) rebuilder.execute(this::rebuild);
  }

  private void rebuild() {
    rebuildPending.set(false);
    List<CompletableFuture<S>> served;
    synchronized (waiting) {
      served = new ArrayList<>(waiting);
      waiting.clear();
    }
    // Take the changed keys before reading entries: a key changed meanwhile is either read now (new value) or
    // left in the set for the next rebuild, never lost.
    Set<String> keys = new HashSet<>(changed);
    changed.removeAll(keys);
    try {
      S next = builder.build(publisher.current(), entries, keys);
      publisher.publish(next);
      served.forEach(w -> w.complete(next));
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "snapshot rebuild failed; readers keep the previous one", e);
      served.forEach(w -> w.completeExceptionally(e));
    }
  }
}
