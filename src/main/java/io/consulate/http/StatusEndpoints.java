package io.consulate.http;

import io.consulate.cluster.ClusterView;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;

/** {@code /v1/status/*}: the cluster's leader (empty while none is known) and its servers. */
final class StatusEndpoints {
  private final ClusterView cluster;

  StatusEndpoints(ClusterView cluster) {
    this.cluster = cluster;
  }

  Object statusLeader(RoutingContext ctx) {
    return cluster.leader();
  }

  Object statusPeers(RoutingContext ctx) {
    return new JsonArray(cluster.peers());
  }
}
