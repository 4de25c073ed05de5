package io.consulate.http;

import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;

/** {@code /v1/status/*}: every agent is a server, and a lone agent is its own leader. */
final class StatusEndpoints {
  private final AgentInfo info;

  StatusEndpoints(AgentInfo info) {
    this.info = info;
  }

  Object statusLeader(RoutingContext ctx) {
    return info.serverAddress();
  }

  Object statusPeers(RoutingContext ctx) {
    return new JsonArray().add(info.serverAddress());
  }
}
