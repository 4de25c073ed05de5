package io.consulate.http;

import io.consulate.cluster.ClusterView;
import io.consulate.cluster.Datacenters;
import io.consulate.cluster.Member;
import io.consulate.cluster.ProtocolGate;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** {@code /v1/agent/members}, {@code join}, {@code leave} and {@code force-leave}: cluster membership. */
final class MemberEndpoints {
  private final ClusterView cluster;
  private final AgentInfo info;
  private final Supplier<CompletionStage<Void>> leave;
  private final Datacenters datacenters;

  MemberEndpoints(ClusterView cluster, AgentInfo info, Supplier<CompletionStage<Void>> leave, Datacenters datacenters) {
    this.cluster = cluster;
    this.datacenters = datacenters;
    this.info = info;
    this.leave = leave;
  }

  /** {@code ?wan} lists the WAN pool: the servers of every datacenter ({@code null} on an agent in no pool). */
  Object agentMembers(RoutingContext ctx) {
    List<Member> members = Params.flag(ctx, "wan") ? datacenters.wanMembers() : cluster.members();
    if (members == null) return Replies.JSON_NULL;
    JsonArray out = new JsonArray();
    for (Member m : members) if (AclFilter.node(ctx, m.name())) out.add(member(m, info.version()));
    return out;
  }

  Object agentJoin(RoutingContext ctx) {
    String address = ctx.pathParam("address");
    requireAgentWrite(ctx);
    return Replies.onContext(Params.flag(ctx, "wan") ? datacenters.joinWan(address) : cluster.join(address)).map(v -> null);
  }

  Object agentLeave(RoutingContext ctx) {
    requireAgentWrite(ctx);
    return Replies.onContext(leave.get()).map(v -> null);
  }

  /**
   * Consul's {@code ?prune} drops the member from the member list at once. This agent has no such removal (a left
   * member stays listed), so a prune is refused rather than silently treated as a plain force-leave.
   */
  Object agentForceLeave(RoutingContext ctx) {
    RequestAcl.require(ctx, RequestAcl.authz(ctx).operatorWrite(), "operator", "write", null);
    if (Params.flag(ctx, "prune")) throw ApiError.badRequest("force-leave with prune is not supported by Consulate");
    return Replies.onContext(cluster.forceLeave(ctx.pathParam("node"))).map(v -> null);
  }

  private void requireAgentWrite(RoutingContext ctx) {
    RequestAcl.require(ctx, RequestAcl.authz(ctx).agentWrite(info.nodeName()), "agent", "write", info.nodeName());
  }

  /**
   * One member in Consul's serf shape. A server's tags say {@code role: consul} and its RPC port; a client's say
   * {@code role: node}, as Consul's do.
   */
  static JsonObject member(Member m, String version) {
    JsonObject tags = new JsonObject().put("build", version).put("dc", m.datacenter()).put("id", m.nodeId());
    if (m.server()) tags.put("port", Integer.toString(m.serverPort()));
    tags.put("role", m.server() ? "consul" : "node").put("segment", "").put("vsn", Integer.toString(m.protocol()))
        .put("vsn_max", Integer.toString(ProtocolGate.MAX)).put("vsn_min", Integer.toString(ProtocolGate.MIN));
    return new JsonObject().put("Name", m.name()).put("Addr", m.address()).put("Port", m.port()).put("Tags", tags)
        .put("Status", m.status()).put("ProtocolMin", 1).put("ProtocolMax", 5).put("ProtocolCur", 2)
        .put("DelegateMin", 2).put("DelegateMax", 5).put("DelegateCur", 4);
  }
}
