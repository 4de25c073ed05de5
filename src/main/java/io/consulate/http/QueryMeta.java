package io.consulate.http;

import io.vertx.core.http.HttpServerResponse;

/**
 * Consul's read metadata headers. Every agent is a server that knows the leader and reads locally, so
 * LastContact is 0 and KnownLeader true; the cluster issue turns these into live values.
 */
final class QueryMeta {
  private QueryMeta() {}

  static void set(HttpServerResponse res, long index) {
    res.putHeader("X-Consul-Index", Long.toString(Math.max(1, index)))
        .putHeader("X-Consul-KnownLeader", "true")
        .putHeader("X-Consul-LastContact", "0")
        .putHeader("X-Consul-Effective-Consistency", "leader");
  }
}
