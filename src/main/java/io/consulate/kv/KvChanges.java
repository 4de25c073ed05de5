package io.consulate.kv;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One write's working view: reads see the snapshot it started from plus its own earlier changes (a
 * transaction's later operations see its earlier ones), and it collects what the store must write. Every
 * change is stamped with the write's single index; nothing reaches the store if the command throws.
 */
public final class KvChanges {
  private final KvState base;
  private final long index;
  private final long nowMillis;
  final Map<String, KvEntry> puts = new LinkedHashMap<>();
  final Set<String> deletes = new LinkedHashSet<>();
  final Map<String, Tombstone> tombstones = new LinkedHashMap<>();
  final Map<String, Long> lockDelays = new LinkedHashMap<>();
  final Map<String, Session> sessionPuts = new LinkedHashMap<>();
  final Set<String> sessionDeletes = new LinkedHashSet<>();
  final Set<String> renewals = new LinkedHashSet<>();
  final Map<String, PreparedQuery> queryPuts = new LinkedHashMap<>();
  final Set<String> queryDeletes = new LinkedHashSet<>();
  /** Housekeeping that moves no index: tombstones and lock delays past their time. */
  final Set<String> expiredTombstones = new LinkedHashSet<>();
  final Set<String> expiredLockDelays = new LinkedHashSet<>();

  public KvChanges(KvState base, long index, long nowMillis) {
    this.base = base;
    this.index = index;
    this.nowMillis = nowMillis;
  }

  public long index() {
    return index;
  }

  public long nowMillis() {
    return nowMillis;
  }

  public KvState base() {
    return base;
  }

  public KvEntry entry(String key) {
    if (puts.containsKey(key)) return puts.get(key);
    return deletes.contains(key) ? null : base.entry(key);
  }

  /** Entries under the prefix as this write sees them, sorted by key. */
  public List<KvEntry> list(String prefix) {
    TreeMap<String, KvEntry> merged = new TreeMap<>();
    for (KvEntry e : base.list(prefix)) if (!deletes.contains(e.key())) merged.put(e.key(), e);
    puts.forEach((k, e) -> {
      if (k.startsWith(prefix)) merged.put(k, e);
    });
    return new ArrayList<>(merged.values());
  }

  /** Stores the entry as given; callers set its indexes by Consul's rules. */
  public void put(KvEntry entry) {
    deletes.remove(entry.key());
    tombstones.remove(entry.key());
    puts.put(entry.key(), entry);
  }

  /** Deletes the key if it exists, leaving a tombstone at this index. */
  public void delete(String key) {
    if (entry(key) == null) return;
    puts.remove(key);
    deletes.add(key);
    tombstones.put(key, new Tombstone(index, nowMillis));
  }

  public long lockDelayUntil(String key) {
    return lockDelays.containsKey(key) ? lockDelays.get(key) : base.lockDelayUntil(key);
  }

  public void delayLock(String key, long untilMillis) {
    lockDelays.put(key, untilMillis);
  }

  public Session session(String id) {
    if (sessionPuts.containsKey(id)) return sessionPuts.get(id);
    return sessionDeletes.contains(id) ? null : base.session(id);
  }

  public void putSession(Session s) {
    sessionDeletes.remove(s.id());
    sessionPuts.put(s.id(), s);
  }

  public void deleteSession(String id) {
    sessionPuts.remove(id);
    sessionDeletes.add(id);
  }

  public PreparedQuery query(String id) {
    if (queryPuts.containsKey(id)) return queryPuts.get(id);
    return queryDeletes.contains(id) ? null : base.query(id);
  }

  /** Every prepared query as this write sees them. */
  public List<PreparedQuery> queries() {
    Map<String, PreparedQuery> merged = new TreeMap<>();
    for (PreparedQuery q : base.queries()) if (!queryDeletes.contains(q.id())) merged.put(q.id(), q);
    merged.putAll(queryPuts);
    return new ArrayList<>(merged.values());
  }

  public void putQuery(PreparedQuery q) {
    queryDeletes.remove(q.id());
    queryPuts.put(q.id(), q);
  }

  public void deleteQuery(String id) {
    queryPuts.remove(id);
    queryDeletes.add(id);
  }

  /** Restarts the session's TTL at this write's time; moves no view's index, as a renewal in Consul. */
  public void renew(String id) {
    renewals.add(id);
  }

  /** Entries locked by the session, as this write sees them. */
  public List<KvEntry> heldBy(String sessionId) {
    List<KvEntry> out = new ArrayList<>();
    for (KvEntry e : base.heldBy(sessionId)) if (!puts.containsKey(e.key()) && !deletes.contains(e.key())) out.add(e);
    for (KvEntry e : puts.values()) if (e.session().equals(sessionId)) out.add(e);
    return out;
  }

  /** Forgets a tombstone whose time is up; moves no index. */
  public void expireTombstone(String key) {
    expiredTombstones.add(key);
  }

  /** Forgets a lock delay that has run out; moves no index. */
  public void expireLockDelay(String key) {
    expiredLockDelays.add(key);
  }

  boolean kvChanged() {
    return !puts.isEmpty() || !deletes.isEmpty();
  }

  boolean sessionsChanged() {
    return !sessionPuts.isEmpty() || !sessionDeletes.isEmpty();
  }

  boolean queriesChanged() {
    return !queryPuts.isEmpty() || !queryDeletes.isEmpty();
  }

  public boolean isEmpty() {
    return !kvChanged() && !sessionsChanged() && !queriesChanged() && lockDelays.isEmpty() && renewals.isEmpty();
  }
}
