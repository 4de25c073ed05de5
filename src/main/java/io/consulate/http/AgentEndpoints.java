package io.consulate.http;

import io.consulate.cluster.ClusterView;
import io.consulate.cluster.Member;
import io.consulate.local.DefinitionDecoder;
import io.consulate.local.LocalAgent;
import io.consulate.local.ServiceDefinition;
import io.consulate.json.Fields;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** {@code /v1/agent/*}: this agent's own registrations, identity, and reload. */
final class AgentEndpoints {
  private static final long HASH_POLL_MILLIS = 100;
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
    ResultFilter filter = ResultFilter.of(ctx);
    JsonObject out = new JsonObject();
    agent.services().forEach((id, d) -> {
      if (AclFilter.service(ctx, d.name())) out.put(id, ConsulJson.agentService(d, info.datacenter()));
    });
    return filter.keepValues(out);
  }

  /**
   * One registration with its {@code ContentHash}. With {@code ?hash=} it is an agent-local blocking query, as in
   * Consul: the answer waits until the registration's hash differs from the one given, or the wait is over. The
   * local registrations change after their catalog write, not with a snapshot, so a parked query looks again every
   * {@link #HASH_POLL_MILLIS}: a map lookup and a hash.
   */
  Object agentService(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String given = ctx.request().getParam("hash");
    if (given == null || given.isEmpty()) return service(ctx, id);
    long deadline = System.nanoTime() + BlockingQueries.waitTime(ctx).toNanos();
    Promise<Object> answer = Promise.promise();
    Vertx vertx = Vertx.currentContext().owner();
    vertx.setPeriodic(0, HASH_POLL_MILLIS, timer -> {
      ServiceDefinition d = agent.services().get(id);
      if (d != null && hashOf(d).equals(given) && System.nanoTime() < deadline && !ctx.response().closed()) return;
      vertx.cancelTimer(timer);
      try {
        answer.complete(service(ctx, id));
      } catch (RuntimeException e) {
        answer.fail(e);
      }
    });
    return answer.future();
  }

  private Object service(RoutingContext ctx, String id) {
    ServiceDefinition d = agent.services().get(id);
    if (d == null) throw ApiError.notFound("unknown service ID: " + id);
    RequestAcl.require(ctx, RequestAcl.authz(ctx).serviceRead(d.name()), "service", "read", d.name());
    String hash = hashOf(d);
    ctx.response().putHeader("X-Consul-ContentHash", hash);
    JsonObject j = ConsulJson.agentService(d, info.datacenter());
    j.remove("Datacenter");
    return j.put("ContentHash", hash).put("Datacenter", info.datacenter());
  }

  /** agent:read or agent:write on this agent's node. */
  private void requireAgent(RoutingContext ctx, boolean write) {
    String node = info.nodeName();
    var a = RequestAcl.authz(ctx);
    RequestAcl.require(ctx, write ? a.agentWrite(node) : a.agentRead(node), "agent", write ? "write" : "read", node);
  }

  private static String hashOf(ServiceDefinition d) {
    return Long.toHexString(d.hashCode() & 0xffffffffL);
  }

  Object agentServiceRegister(RoutingContext ctx) {
    ServiceDefinition def = DefinitionDecoder.service(Fields.parse(ctx.body().asString()));
    RequestAcl.serviceWrite(ctx, def.name());
    ServiceDefinition existing = agent.services().get(def.id());
    if (existing != null) RequestAcl.serviceWrite(ctx, existing.name());
    boolean replace = Params.flag(ctx, "replace-existing-checks");
    return Replies.onContext(agent.register(def, LocalAgent.Source.API, replace)).map(i -> null);
  }

  Object agentServiceDeregister(RoutingContext ctx) {
    ServiceDefinition existing = agent.services().get(ctx.pathParam("id"));
    if (existing != null) RequestAcl.serviceWrite(ctx, existing.name());
    return Replies.onContext(agent.deregister(ctx.pathParam("id"))).map(i -> null);
  }

  Object agentReload(RoutingContext ctx) {
    requireAgent(ctx, true);
    return Replies.onContext(reload.get()).map(v -> null);
  }

  /** Consul's {@code versionInfo}: the Consul version this agent answers as. */
  Object agentVersion(RoutingContext ctx) {
    return new JsonObject().put("SHA", "").put("BuildDate", "").put("HumanVersion", info.version()).put("FIPS", "");
  }

  Object agentSelf(RoutingContext ctx) {
    requireAgent(ctx, false);
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
