package io.consulate.kv;

import java.util.Arrays;

/**
 * One KV entry as Consul's {@code DirEntry}: raw value bytes (never interpreted), user flags, the indexes of
 * its creation and last change, how often a lock on it was acquired, and the session holding it ("" if none).
 */
public record KvEntry(String key, byte[] value, long flags, long createIndex, long modifyIndex, long lockIndex,
    String session) {

  public KvEntry {
    value = value == null ? new byte[0] : value;
    session = session == null ? "" : session;
  }

  public boolean locked() {
    return !session.isEmpty();
  }

  public KvEntry withSession(String newSession, long newLockIndex) {
    return new KvEntry(key, value, flags, createIndex, modifyIndex, newLockIndex, newSession);
  }

  public KvEntry withIndexes(long create, long modify) {
    return new KvEntry(key, value, flags, create, modify, lockIndex, session);
  }

  /** Consul's {@code DirEntry.Equal}: everything but the Raft indexes; an equal write changes nothing. */
  public boolean sameContent(KvEntry o) {
    return o != null && key.equals(o.key) && Arrays.equals(value, o.value) && flags == o.flags
        && lockIndex == o.lockIndex && session.equals(o.session);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KvEntry e && sameContent(e) && createIndex == e.createIndex && modifyIndex == e.modifyIndex;
  }

  @Override
  public int hashCode() {
    return key.hashCode() * 31 + Long.hashCode(modifyIndex);
  }

  @Override
  public String toString() {
    return "KvEntry[" + key + " " + value.length + " bytes, flags=" + flags + ", ci=" + createIndex + ", mi="
        + modifyIndex + ", li=" + lockIndex + ", session=" + session + "]";
  }
}
