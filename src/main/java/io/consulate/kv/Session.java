package io.consulate.kv;

import java.util.List;

/**
 * A Consul session: the node it belongs to, the health checks that keep it alive, an optional TTL, what
 * happens to the locks it holds when it ends ({@link Behavior}), and how long those keys stay unlockable
 * afterwards (lock delay). {@code createdAtMillis} is wall-clock time, the start of the first TTL period.
 */
public record Session(String id, String name, String node, long lockDelayNanos, Behavior behavior, String ttl,
    List<String> nodeChecks, List<String> serviceChecks, long createIndex, long modifyIndex, long createdAtMillis) {

  /** Consul's {@code Behavior}: release the held locks, or delete the held keys. */
  public enum Behavior {
    RELEASE("release"), DELETE("delete");

    private final String wire;

    Behavior(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    /** Parses Consul's spelling; an empty string is the default, release. */
    public static Behavior of(String s) {
      if (s == null || s.isEmpty()) return RELEASE;
      for (Behavior b : values()) if (b.wire.equals(s)) return b;
      throw new IllegalArgumentException("Invalid Behavior setting '" + s + "'");
    }
  }

  public Session {
    nodeChecks = List.copyOf(nodeChecks);
    serviceChecks = List.copyOf(serviceChecks);
    ttl = ttl == null ? "" : ttl;
  }

  /** The session as stored by the write that creates it. */
  public Session created(long index, long atMillis) {
    return new Session(id, name, node, lockDelayNanos, behavior, ttl, nodeChecks, serviceChecks, index, index,
        atMillis);
  }
}
