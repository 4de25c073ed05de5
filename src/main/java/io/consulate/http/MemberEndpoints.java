package io.consulate.http;

import io.consulate.cluster.ClusterView;
import io.consulate.cluster.Member;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** {@code /v1/agent/members}, {@code join}, {@code leave} and {@code force-leave}: cluster membership. */
final class MemberEndpoints {
  private final ClusterView cluster;
  private final AgentInfo info;
  private final Supplier<CompletionStage<Void>> leave;

  MemberEndpoints(ClusterView cluster, AgentInfo info, Supplier<CompletionStage<Void>> leave) {
    this.cluster = cluster;
    this.info = info;
    this.leave = leave;
  }

  Object agentMembers(RoutingContext ctx) {
    JsonArray out = new JsonArray();
    for (Member m : cluster.members()) {
      out.add(member(m.name(), m.nodeId(), m.address(), m.port(), m.serverAddress(), m.datacenter(), m.status(),
          info.version()));
    }
    return out;
  }

  Object agentJoin(RoutingContext ctx) {
    return Replies.onContext(cluster.join(ctx.pathParam("address"))).map(v -> null);
  }

  Object agentLeave(RoutingContext ctx) {
    return Replies.onContext(leave.get()).map(v -> null);
  }

  Object agentForceLeave(RoutingContext ctx) {
    return Replies.onContext(cluster.forceLeave(ctx.pathParam("node"))).map(v -> null);
  }

  /** One member in Consul's serf shape; {@code Tags.port} is the server RPC port, as in Consul. */
  static JsonObject member(String name, String nodeId, String addr, int serfPort, String serverAddress, String dc,
      int status, String version) {
    JsonObject tags = new JsonObject().put("build", version).put("dc", dc).put("id", nodeId)
        .put("port", serverAddress.substring(serverAddress.lastIndexOf(':') + 1)).put("role", "consul")
        .put("segment", "").put("vsn", "2").put("vsn_max", "3").put("vsn_min", "2");
    return new JsonObject().put("Name", name).put("Addr", addr).put("Port", serfPort).put("Tags", tags)
        .put("Status", status).put("ProtocolMin", 1).put("ProtocolMax", 5).put("ProtocolCur", 2)
        .put("DelegateMin", 2).put("DelegateMax", 5).put("DelegateCur", 4);
  }
}
