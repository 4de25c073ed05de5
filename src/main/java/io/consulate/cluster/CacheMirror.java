package io.consulate.cluster;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.Node;
import io.consulate.catalog.ServiceInstance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * Decoded copy of the catalog cache, kept current by cache events (local and replicated writes alike), and
 * the builder of snapshots from it. Events only update the map and request a rebuild; rebuilds run on one
 * executor and coalesce, so a burst of writes yields one snapshot, and the JGroups thread delivering a
 * replicated write is never held up.
 */
@Listener(observation = Listener.Observation.POST)
public final class CacheMirror {
  private static final Logger LOG = Logger.getLogger(CacheMirror.class.getName());

  private final Map<String, Object> entries = new ConcurrentHashMap<>();
  private final AtomicBoolean rebuildPending = new AtomicBoolean();
  private final Executor rebuilder;
  private final SnapshotPublisher publisher;

  CacheMirror(Executor rebuilder, SnapshotPublisher publisher) {
    this.rebuilder = rebuilder;
    this.publisher = publisher;
  }

  void load(Map<String, String> stored) {
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
    entries.keySet().retainAll(stored.keySet());
    stored.forEach(this::apply);
    requestRebuild();
  }

  @CacheEntryRemoved
  public void onRemove(CacheEntryRemovedEvent<String, String> event) {
    if (event.isPre()) return;
    entries.remove(event.getKey());
    requestRebuild();
  }

  private void apply(String key, String value) {
    try {
      entries.put(key, EntryCodec.decode(key, value));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "ignoring unreadable catalog entry " + key + ": " + e.getMessage());
    }
  }

  private void requestRebuild() {
    if (rebuildPending.compareAndSet(false, true)) rebuilder.execute(this::rebuild);
  }

  private void rebuild() {
    rebuildPending.set(false);
    List<Node> nodes = new ArrayList<>();
    List<ServiceInstance> services = new ArrayList<>();
    List<HealthCheck> checks = new ArrayList<>();
    Map<String, Long> indexes = new HashMap<>();
    for (Map.Entry<String, Object> e : entries.entrySet()) {
      Object v = e.getValue();
      if (v instanceof Node n) nodes.add(n);
      else if (v instanceof ServiceInstance s) services.add(s);
      else if (v instanceof HealthCheck c) checks.add(c);
      else if (v instanceof Long l) indexes.put(e.getKey().substring(2), l);
    }
    try {
      publisher.publish(CatalogSnapshot.build(nodes, services, checks, indexes));
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "snapshot rebuild failed; readers keep the previous one", e);
    }
  }
}
