package io.consulate.http;

import io.consulate.agent.DefinitionDecoder;
import io.consulate.agent.LocalAgent;
import io.consulate.agent.ServiceDefinition;
import io.consulate.json.Fields;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** {@code /v1/agent/*}: this agent's own registrations, identity, members and reload. */
final class AgentEndpoints {
  private final LocalAgent agent;
  private final AgentInfo info;
  private final Supplier<CompletionStage<Void>> reload;

  AgentEndpoints(LocalAgent agent, AgentInfo info, Supplier<CompletionStage<Void>> reload) {
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
    return Future.fromCompletionStage(agent.register(def, LocalAgent.Source.API, replace)).map(i -> null);
  }

  Object agentServiceDeregister(RoutingContext ctx) {
    return Future.fromCompletionStage(agent.deregister(ctx.pathParam("id"))).map(i -> null);
  }

  Object agentReload(RoutingContext ctx) {
    return Future.fromCompletionStage(reload.get()).map(v -> null);
  }

  Object agentSelf(RoutingContext ctx) {
    JsonObject config = new JsonObject().put("Datacenter", info.datacenter()).put("PrimaryDatacenter", info.datacenter())
        .put("NodeName", info.nodeName()).put("NodeID", info.nodeId()).put("Revision", "").put("Server", true)
        .put("Version", info.version());
    return new JsonObject().put("Config", config).put("DebugConfig", new JsonObject()).putNull("Coord")
        .put("Member", member()).put("Stats", new JsonObject())
        .put("Meta", new JsonObject().put("consul-network-segment", ""));
  }

  Object agentMembers(RoutingContext ctx) {
    return new JsonArray().add(member());
  }

  private JsonObject member() {
    JsonObject tags = new JsonObject().put("build", info.version()).put("dc", info.datacenter()).put("id", info.nodeId())
        .put("port", info.serverAddress().substring(info.serverAddress().lastIndexOf(':') + 1)).put("role", "consul")
        .put("segment", "").put("vsn", "2").put("vsn_max", "3").put("vsn_min", "2");
    return new JsonObject().put("Name", info.nodeName()).put("Addr", info.advertiseAddr()).put("Port", info.serfLanPort())
        .put("Tags", tags).put("Status", 1).put("ProtocolMin", 1).put("ProtocolMax", 5).put("ProtocolCur", 2)
        .put("DelegateMin", 2).put("DelegateMax", 5).put("DelegateCur", 4);
  }
}
