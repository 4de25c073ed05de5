package io.consulate.kv;

import io.consulate.cluster.SnapshotPublisher;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryModified;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryRemoved;
import org.infinispan.notifications.cachelistener.event.CacheEntryEvent;
import org.infinispan.notifications.cachelistener.event.CacheEntryRemovedEvent;

/**
 * Decoded copy of the KV and session caches (their key prefixes do not overlap), kept current by cache events
 * from local and replicated writes alike; rebuilds of {@link KvState} run on one executor and coalesce, as
 * the catalog's mirror does.
 */
@Listener(observation = Listener.Observation.POST)
public final class KvMirror {
  private static final Logger LOG = Logger.getLogger(KvMirror.class.getName());

  private final Map<String, Object> decoded = new ConcurrentHashMap<>();
  private final AtomicBoolean rebuildPending = new AtomicBoolean();
  private final Executor rebuilder;
  private final SnapshotPublisher<KvState> publisher;

  KvMirror(Executor rebuilder, SnapshotPublisher<KvState> publisher) {
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

  @CacheEntryRemoved
  public void onRemove(CacheEntryRemovedEvent<String, String> event) {
    if (event.isPre()) return;
    decoded.remove(event.getKey());
    requestRebuild();
  }

  private void apply(String key, String value) {
    try {
      decoded.put(key, decode(key, value));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "ignoring unreadable KV store entry " + key + ": " + e.getMessage());
    }
  }

  private static Object decode(String key, String value) {
    if (key.startsWith(KvCodec.ENTRY)) return KvCodec.decodeEntry(key.substring(KvCodec.ENTRY.length()), value);
    if (key.startsWith(KvCodec.TOMBSTONE)) return KvCodec.decodeTombstone(value);
    if (key.startsWith(KvCodec.SESSION)) return KvCodec.decodeSession(value);
    if (key.startsWith(KvCodec.LOCK_DELAY) || key.startsWith(KvCodec.RENEWAL) || key.startsWith("i/")) {
      return Long.parseLong(value);
    }
    throw new IllegalArgumentException("unknown key kind");
  }

  private void requestRebuild() {
    if (rebuildPending.compareAndSet(false, true)) rebuilder.execute(this::rebuild);
  }

  private void rebuild() {
    rebuildPending.set(false);
    TreeMap<String, KvEntry> entries = new TreeMap<>();
    TreeMap<String, Tombstone> tombstones = new TreeMap<>();
    TreeMap<String, Session> sessions = new TreeMap<>();
    Map<String, Long> renewals = new HashMap<>();
    Map<String, Long> lockDelays = new HashMap<>();
    long kvIndex = 0;
    long sessionIndex = 0;
    for (Map.Entry<String, Object> e : decoded.entrySet()) {
      String k = e.getKey();
      Object v = e.getValue();
      if (v instanceof KvEntry entry) entries.put(entry.key(), entry);
      else if (v instanceof Tombstone t) tombstones.put(k.substring(KvCodec.TOMBSTONE.length()), t);
      else if (v instanceof Session s) sessions.put(s.id(), s);
      else if (k.startsWith(KvCodec.RENEWAL)) renewals.put(k.substring(KvCodec.RENEWAL.length()), (Long) v);
      else if (k.startsWith(KvCodec.LOCK_DELAY)) lockDelays.put(k.substring(KvCodec.LOCK_DELAY.length()), (Long) v);
      else if (k.equals(KvCodec.KV_INDEX)) kvIndex = (Long) v;
      else if (k.equals(KvCodec.SESSION_INDEX)) sessionIndex = (Long) v;
    }
    try {
      publisher.publish(new KvState(entries, tombstones, sessions, renewals, lockDelays, kvIndex, sessionIndex));
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "KV snapshot rebuild failed; readers keep the previous one", e);
    }
  }
}
