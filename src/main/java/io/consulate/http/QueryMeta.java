package io.consulate.http;

import io.vertx.core.http.HttpServerResponse;

/**
 * Consul's read metadata headers. Reads are always served from this agent's snapshot, so LastContact is 0;
 * KnownLeader says whether that snapshot can still be current (false in a minority partition).
 */
final class QueryMeta {
  private QueryMeta() {}

  static void set(HttpServerResponse res, long index, boolean knownLeader) {
    res.putHeader("X-Consul-Index", Long.toString(Math.max(1, index)))
        .putHeader("X-Consul-KnownLeader", Boolean.toString(knownLeader))
        .putHeader("X-Consul-LastContact", "0")
        .putHeader("X-Consul-Effective-Consistency", knownLeader ? "leader" : "stale");
  }
}
