package io.consulate.kv;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The KV store and the sessions at one index, immutable once built: entries and tombstones sorted by key so a
 * prefix is one range, sessions by id. It also answers Consul's index rules for blocking queries.
 */
public final class KvState {
  public static final KvState EMPTY = new KvState(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), Map.of(),
      Map.of(), new TreeMap<>(), 0, 0, 0, 0);

  private final NavigableMap<String, KvEntry> entries;
  private final NavigableMap<String, Tombstone> tombstones;
  private final SortedMap<String, Session> sessions;
  private final Map<String, Long> renewals;
  private final Map<String, Long> lockDelays;
  /** Prepared queries by ID. */
  private final SortedMap<String, PreparedQuery> queries;
  private final long queryIndex;
  private final long kvIndex;
  private final long sessionIndex;
  private final long index;

  /** Takes ownership of the maps it is given. */
  public KvState(NavigableMap<String, KvEntry> entries, NavigableMap<String, Tombstone> tombstones,
      SortedMap<String, Session> sessions, Map<String, Long> renewals, Map<String, Long> lockDelays,
      SortedMap<String, PreparedQuery> queries, long kvIndex, long sessionIndex, long queryIndex, long index) {
    this(Collections.unmodifiableNavigableMap(entries), Collections.unmodifiableNavigableMap(tombstones),
        Collections.unmodifiableSortedMap(sessions), Map.copyOf(renewals), Map.copyOf(lockDelays),
        Collections.unmodifiableSortedMap(queries), kvIndex, sessionIndex, queryIndex, index, true);
  }

  /** Shares the read-only maps it is given: {@link #with} wraps only the maps it copied. */
  private KvState(NavigableMap<String, KvEntry> entries, NavigableMap<String, Tombstone> tombstones,
      SortedMap<String, Session> sessions, Map<String, Long> renewals, Map<String, Long> lockDelays,
      SortedMap<String, PreparedQuery> queries, long kvIndex, long sessionIndex, long queryIndex, long index,
      boolean readOnly) {
    this.queries = queries;
    this.queryIndex = queryIndex;
    this.entries = entries;
    this.tombstones = tombstones;
    this.sessions = sessions;
    this.renewals = renewals;
    this.lockDelays = lockDelays;
    this.kvIndex = kvIndex;
    this.sessionIndex = sessionIndex;
    this.index = index;
  }

  /**
   * The index of the last whole write, stored after both table indexes: what a writer waits for to read its
   * own write, so it never sees one table's index moved and the other's not yet.
   */
  public long index() {
    return index;
  }

  /** The KV table's index: the last write of any key, deletes included. */
  public long kvIndex() {
    return kvIndex;
  }

  /** The index of the last write to the prepared queries (Consul's prepared-queries table index). */
  public long queryIndex() {
    return queryIndex;
  }

  public Collection<PreparedQuery> queries() {
    return queries.values();
  }

  public PreparedQuery query(String id) {
    return queries.get(id);
  }

  public long sessionIndex() {
    return sessionIndex;
  }

  public KvEntry entry(String key) {
    return entries.get(key);
  }

  /** Entries whose key starts with {@code prefix}, sorted by key. */
  public Collection<KvEntry> list(String prefix) {
    return range(entries, prefix).values();
  }

  /** A single key's blocking index: its ModifyIndex, or the table's index when it does not exist (Consul). */
  public long keyIndex(String key) {
    KvEntry e = entries.get(key);
    return e != null ? e.modifyIndex() : kvIndex;
  }

  /**
   * A prefix's blocking index: the highest ModifyIndex under it or of a tombstone under it, so deleting the
   * newest key moves the index forward; the table's index for the empty prefix or when nothing matches.
   */
  public long prefixIndex(String prefix) {
    if (prefix.isEmpty()) return kvIndex;
    long max = 0;
    for (KvEntry e : list(prefix)) max = Math.max(max, e.modifyIndex());
    for (Tombstone t : range(tombstones, prefix).values()) max = Math.max(max, t.index());
    return max != 0 ? max : kvIndex;
  }

  /**
   * Keys under {@code prefix}; with a separator, keys are cut after the first separator past the prefix and
   * repeats dropped, as Consul lists "folders".
   */
  public List<String> keys(String prefix, String separator) {
    return keys(prefix, separator, k -> true);
  }

  /** {@link #keys(String, String)} of the keys {@code visible} lets through (a token's key:read), before folding. */
  public List<String> keys(String prefix, String separator, java.util.function.Predicate<String> visible) {
    List<String> out = new ArrayList<>();
    for (String k : range(entries, prefix).keySet()) {
      if (!visible.test(k)) continue;
      String shown = k;
      if (separator != null && !separator.isEmpty()) {
        int at = k.indexOf(separator, prefix.length());
        if (at >= 0) shown = k.substring(0, at + separator.length());
      }
      if (out.isEmpty() || !out.get(out.size() - 1).equals(shown)) out.add(shown);
    }
    return out;
  }

  public NavigableMap<String, Tombstone> tombstones() {
    return tombstones;
  }

  public Collection<Session> sessions() {
    return sessions.values();
  }

  public Session session(String id) {
    return sessions.get(id);
  }

  /** When the session was last renewed (wall clock), or 0 if never. */
  public long renewedAt(String id) {
    return renewals.getOrDefault(id, 0L);
  }

  /** Until when (wall clock) the key cannot be locked after its holder's session ended; 0 if free. */
  public long lockDelayUntil(String key) {
    return lockDelays.getOrDefault(key, 0L);
  }

  public Map<String, Long> lockDelays() {
    return lockDelays;
  }

  /** Entries locked by the session. */
  public List<KvEntry> heldBy(String sessionId) {
    List<KvEntry> out = new ArrayList<>();
    for (KvEntry e : entries.values()) if (e.session().equals(sessionId)) out.add(e);
    return out;
  }

  /** The renewal times of the sessions that were ever renewed, by session id. */
  public Map<String, Long> renewals() {
    return renewals;
  }

  /**
   * The state after one write's changes, stamped with its index: the table indexes move only for the tables it
   * changed, {@link #index()} for any change. Copies the maps it changes (copy-on-write), shares the others.
   */
  public KvState with(KvChanges c) {
    NavigableMap<String, KvEntry> e = entries;
    NavigableMap<String, Tombstone> t = tombstones;
    if (c.kvChanged() || !c.tombstones.isEmpty() || !c.expiredTombstones.isEmpty()) {
      TreeMap<String, KvEntry> newEntries = new TreeMap<>(entries);
      TreeMap<String, Tombstone> newTombstones = new TreeMap<>(tombstones);
      for (String k : c.deletes) newEntries.remove(k);
      newEntries.putAll(c.puts);
      for (String k : c.puts.keySet()) newTombstones.remove(k);
      newTombstones.putAll(c.tombstones);
      for (String k : c.expiredTombstones) newTombstones.remove(k);
      e = Collections.unmodifiableNavigableMap(newEntries);
      t = Collections.unmodifiableNavigableMap(newTombstones);
    }
    SortedMap<String, Session> s = sessions;
    Map<String, Long> r = renewals;
    if (c.sessionsChanged() || !c.renewals.isEmpty()) {
      TreeMap<String, Session> newSessions = new TreeMap<>(sessions);
      Map<String, Long> newRenewals = new HashMap<>(renewals);
      for (String id : c.sessionDeletes) {
        newSessions.remove(id);
        newRenewals.remove(id);
      }
      newSessions.putAll(c.sessionPuts);
      for (String id : c.renewals) newRenewals.put(id, c.nowMillis());
      s = Collections.unmodifiableSortedMap(newSessions);
      r = Map.copyOf(newRenewals);
    }
    Map<String, Long> d = lockDelays;
    if (!c.lockDelays.isEmpty() || !c.expiredLockDelays.isEmpty()) {
      Map<String, Long> newDelays = new HashMap<>(lockDelays);
      newDelays.putAll(c.lockDelays);
      for (String k : c.expiredLockDelays) newDelays.remove(k);
      d = Map.copyOf(newDelays);
    }
    SortedMap<String, PreparedQuery> q = queries;
    if (c.queriesChanged()) {
      TreeMap<String, PreparedQuery> newQueries = new TreeMap<>(queries);
      for (String id : c.queryDeletes) newQueries.remove(id);
      newQueries.putAll(c.queryPuts);
      q = Collections.unmodifiableSortedMap(newQueries);
    }
    return new KvState(e, t, s, r, d, q, c.kvChanged() ? c.index() : kvIndex,
        c.sessionsChanged() ? c.index() : sessionIndex, c.queriesChanged() ? c.index() : queryIndex,
        c.isEmpty() ? index : c.index(), true);
  }

  private static <V> SortedMap<String, V> range(NavigableMap<String, V> map, String prefix) {
    if (prefix.isEmpty()) return map;
    return map.subMap(prefix, true, prefix + Character.MAX_VALUE, false);
  }
}
