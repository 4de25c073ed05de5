package io.consulate.http;

import io.vertx.core.http.HttpServerResponse;

/**
 * Consul's read metadata headers, told truthfully: KnownLeader says whether this node knows a leader now (false
 * in a minority partition), LastContact how long ago it last did (0 while it does), and Effective-Consistency
 * how the read was served ({@code leader} only on the leader itself; a follower's default read is local, so
 * {@code stale}).
 */
final class QueryMeta {
  private QueryMeta() {}

  static void set(HttpServerResponse res, long index, boolean knownLeader, long lastContactMillis, String effective) {
    res.putHeader("X-Consul-Index", Long.toString(Math.max(1, index)))
        .putHeader("X-Consul-KnownLeader", Boolean.toString(knownLeader))
        .putHeader("X-Consul-LastContact", Long.toString(lastContactMillis))
        .putHeader("X-Consul-Effective-Consistency", effective);
  }
}
