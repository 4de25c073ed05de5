package io.consulate.http;

import io.consulate.cluster.ClusterView;
import io.consulate.cluster.Member;
import io.consulate.local.DefinitionDecoder;
import io.consulate.local.LocalAgent;
import io.consulate.local.ServiceDefinition;
import io.consulate.json.Fields;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** {@code /v1/agent/*}: this agent's own registrations, identity, and reload. */
final class AgentEndpoints {
  private final LocalAgent agent;
  private final AgentInfo info;
  private final ClusterView cluster;
  private final Supplier<CompletionStage<Void>> reload;

  AgentEndpoints(LocalAgent agent, AgentInfo info, ClusterView cluster, Supplier<CompletionStage<Void>> reload) {
    this.cluster = cluster;
    this.agent = agent;
    this.info = info;
    this.reload = reload;
  }

  Object agentServices(RoutingContext ctx) {
    JsonObject out = new JsonObject();
    agent.services().forEach((id, d) -> out.put(id, ConsulJson.agentService(d, info.datacenter())));
    return out;
  }

  Object agentService(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    ServiceDefinition d = agent.services().get(id);
    if (d == null) throw ApiError.notFound("unknown service ID: " + id);
    String hash = Long.toHexString(d.hashCode() & 0xffffffffL);
    ctx.response().putHeader("X-Consul-ContentHash", hash);
    JsonObject j = ConsulJson.agentService(d, info.datacenter());
    j.remove("Datacenter");
    return j.put("ContentHash", hash).put("Datacenter", info.datacenter());
  }

  Object agentServiceRegister(RoutingContext ctx) {
    ServiceDefinition def = DefinitionDecoder.service(Fields.parse(ctx.body().asString()));
    boolean replace = Params.flag(ctx, "replace-existing-checks");
    return Replies.onContext(agent.register(def, LocalAgent.Source.API, replace)).map(i -> null);
  }

  Object agentServiceDeregister(RoutingContext ctx) {
    return Replies.onContext(agent.deregister(ctx.pathParam("id"))).map(i -> null);
  }

  Object agentReload(RoutingContext ctx) {
    return Replies.onContext(reload.get()).map(v -> null);
  }

  Object agentSelf(RoutingContext ctx) {
    JsonObject config = new JsonObject().put("Datacenter", info.datacenter()).put("PrimaryDatacenter", info.datacenter())
        .put("NodeName", info.nodeName()).put("NodeID", info.nodeId()).put("Revision", "").put("Server", self().server())
        .put("Version", info.version());
    return new JsonObject().put("Config", config).put("DebugConfig", new JsonObject()).putNull("Coord")
        .put("Member", member()).put("Stats", new JsonObject())
        .put("Meta", new JsonObject(new java.util.LinkedHashMap<>(agent.node().meta())));
  }

  private JsonObject member() {
    return MemberEndpoints.member(self(), info.version());
  }

  /** This agent's member record as the cluster has it (a lone agent that joined as a client is one now). */
  private Member self() {
    for (Member m : cluster.members()) if (m.name().equals(info.nodeName())) return m;
    return info.self();
  }
}
