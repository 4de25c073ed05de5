package io.consulate.kv;

/**
 * Consul's KV write rules (agent/consul/state/kvs.go), applied to one write's {@link KvChanges}: set keeps
 * CreateIndex and the holder's session, an unchanged entry keeps its ModifyIndex, check-and-set compares
 * ModifyIndex (0 = create only), and locks move LockIndex on each new holder.
 */
public final class KvOps {
  private KvOps() {}

  /** A plain set; like Consul it keeps the current lock holder and stores the LockIndex given (0 on PUT). */
  public static KvEntry set(KvChanges c, String key, byte[] value, long flags) {
    KvEntry existing = c.entry(key);
    return store(c, new KvEntry(key, value, flags, 0, 0, 0, existing == null ? "" : existing.session()), existing);
  }

  /** Set only if the key's ModifyIndex is {@code cas}, or, for 0, only if it does not exist; null if refused. */
  public static KvEntry cas(KvChanges c, String key, byte[] value, long flags, long cas) {
    KvEntry existing = c.entry(key);
    if (cas == 0 ? existing != null : existing == null || existing.modifyIndex() != cas) return null;
    return set(c, key, value, flags);
  }

  /**
   * Acquires the key for a session (and sets its value): null if another session holds it or a lock delay
   * is running; LockIndex moves only when the holder changes.
   */
  public static KvEntry lock(KvChanges c, String key, byte[] value, long flags, String session) {
    if (session == null || session.isEmpty()) throw new KvException("missing session");
    if (c.session(session) == null) throw new KvException("invalid session \"" + session + "\"");
    if (c.lockDelayUntil(key) > c.nowMillis()) return null;
    KvEntry existing = c.entry(key);
    long lockIndex;
    if (existing == null) lockIndex = 1;
    else if (existing.session().equals(session)) lockIndex = existing.lockIndex();
    else if (existing.locked()) return null;
    else lockIndex = existing.lockIndex() + 1;
    return store(c, new KvEntry(key, value, flags, 0, 0, lockIndex, session), existing);
  }

  /** Releases the key (and sets its value) if the session holds it; null if it does not. */
  public static KvEntry unlock(KvChanges c, String key, byte[] value, long flags, String session) {
    if (session == null || session.isEmpty()) throw new KvException("missing session");
    KvEntry existing = c.entry(key);
    if (existing == null || !existing.session().equals(session)) return null;
    return store(c, new KvEntry(key, value, flags, 0, 0, existing.lockIndex(), ""), existing);
  }

  public static void delete(KvChanges c, String key) {
    c.delete(key);
  }

  /** Delete only if the ModifyIndex matches; like Consul, a key that is already gone counts as success. */
  public static boolean deleteCas(KvChanges c, String key, long cas) {
    KvEntry existing = c.entry(key);
    if (existing == null) return true;
    if (existing.modifyIndex() != cas) return false;
    c.delete(key);
    return true;
  }

  public static void deleteTree(KvChanges c, String prefix) {
    for (KvEntry e : c.list(prefix)) c.delete(e.key());
  }

  /** Stamps the entry by Consul's index rules and stores it, unless nothing but indexes would change. */
  static KvEntry store(KvChanges c, KvEntry entry, KvEntry existing) {
    if (existing != null && existing.sameContent(entry)) return existing;
    KvEntry stamped = entry.withIndexes(existing != null ? existing.createIndex() : c.index(), c.index());
    c.put(stamped);
    return stamped;
  }
}
