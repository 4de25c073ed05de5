package io.consulate.kv;

import io.consulate.catalog.CatalogReads;
import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.GoDuration;
import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.HealthStatus;
import java.time.Duration;

/**
 * Consul's session rules: creation needs the node and every named check to exist and not be critical, a TTL
 * within 10s..24h; ending a session (destroy, TTL lapse, a failing check) releases or deletes the keys it holds
 * and blocks them from new locks for its lock delay (at most 60s).
 */
public final class SessionOps {
  static final Duration TTL_MIN = Duration.ofSeconds(10);
  static final Duration TTL_MAX = Duration.ofHours(24);
  static final long MAX_LOCK_DELAY_NANOS = Duration.ofSeconds(60).toNanos();

  private SessionOps() {}

  /** Stores a new session stamped with this write's index; refuses it by Consul's rules. */
  public static Session create(KvChanges c, Session s, CatalogReads catalog) {
    if (!s.ttl().isEmpty()) {
      Duration ttl;
      try {
        ttl = GoDuration.parse(s.ttl());
      } catch (IllegalArgumentException e) {
        throw new KvException("Session TTL '" + s.ttl() + "' invalid: " + e.getMessage());
      }
      if (!ttl.isZero() && (ttl.compareTo(TTL_MIN) < 0 || ttl.compareTo(TTL_MAX) > 0)) {
        throw new KvException("Invalid Session TTL '" + ttl.toNanos() + "', must be between [10s=24h0m0s]");
      }
    }
    if (catalog.node(s.node()) == null) throw new KvException("Missing node registration");
    for (String id : s.nodeChecks()) requireHealthy(catalog, s.node(), id);
    for (String id : s.serviceChecks()) requireHealthy(catalog, s.node(), id);
    Session stamped = s.created(c.index(), c.nowMillis());
    c.putSession(stamped);
    return stamped;
  }

  private static void requireHealthy(CatalogReads catalog, String node, String checkId) {
    HealthCheck check = catalog.check(node, checkId);
    if (check == null) throw new KvException("Missing check '" + checkId + "' registration");
    if (check.status() == HealthStatus.CRITICAL) throw new KvException("Check '" + checkId + "' is in critical state");
  }

  /** Ends the session if it exists: its locks are released or its keys deleted, each under a lock delay. */
  public static void destroy(KvChanges c, String id) {
    Session s = c.session(id);
    if (s == null) return;
    long delayMillis = Math.min(s.lockDelayNanos(), MAX_LOCK_DELAY_NANOS) / 1_000_000;
    for (KvEntry e : c.heldBy(id)) {
      if (s.behavior() == Session.Behavior.DELETE) KvOps.delete(c, e.key());
      else KvOps.store(c, e.withSession("", e.lockIndex()), e);
      if (delayMillis > 0) c.delayLock(e.key(), c.nowMillis() + delayMillis);
    }
    c.deleteSession(id);
    // A prepared query bound to the session ends with it, as in Consul.
    for (PreparedQuery q : c.queries()) if (q.session().equals(id)) c.deleteQuery(q.id());
  }

  /**
   * Why the session must end now, or null: its TTL lapsed (Consul waits twice the TTL after the last renewal,
   * counted from {@code aliveSince} at the latest, when this agent started watching), its node is gone, or one
   * of its checks is gone or critical.
   */
  public static String invalidReason(Session s, KvState kv, CatalogSnapshot catalog, long nowMillis, long aliveSince) {
    if (!s.ttl().isEmpty()) {
      long ttl = GoDuration.parse(s.ttl()).toMillis();
      long last = Math.max(Math.max(s.createdAtMillis(), kv.renewedAt(s.id())), aliveSince);
      if (ttl > 0 && nowMillis > last + 2 * ttl) return "TTL expired";
    }
    if (catalog.node(s.node()) == null) return "node " + s.node() + " deregistered";
    for (String id : s.nodeChecks()) if (failing(catalog, s.node(), id)) return "check " + id + " critical or gone";
    for (String id : s.serviceChecks()) if (failing(catalog, s.node(), id)) return "check " + id + " critical or gone";
    return null;
  }

  private static boolean failing(CatalogSnapshot catalog, String node, String checkId) {
    HealthCheck check = catalog.check(node, checkId);
    return check == null || check.status() == HealthStatus.CRITICAL;
  }
}
