package io.consulate.http;

import io.consulate.local.ServiceDefinition;

import io.consulate.local.AgentChecks;
import io.consulate.local.DefinitionDecoder;
import io.consulate.local.LocalAgent;
import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.HealthStatus;
import io.consulate.store.Store;
import io.consulate.json.Fields;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code /v1/agent/check*} and maintenance: this agent's checks, TTL reports, maintenance mode. */
final class AgentCheckEndpoints {
  private final Store store;
  private final LocalAgent agent;
  private final AgentChecks checks;

  AgentCheckEndpoints(Store store, LocalAgent agent, AgentChecks checks) {
    this.store = store;
    this.agent = agent;
    this.checks = checks;
  }

  Object agentChecks(RoutingContext ctx) {
    ResultFilter filter = ResultFilter.of(ctx);
    JsonObject out = new JsonObject();
    for (HealthCheck c : store.snapshot().checksOnNode(agent.nodeName())) {
      if (!c.checkId().equals(HealthCheck.SERF_HEALTH) && AclFilter.check(ctx, c)) out.put(c.checkId(), ConsulJson.check(c));
    }
    return filter.keepValues(out);
  }

  Object agentCheckRegister(RoutingContext ctx) {
    var spec = DefinitionDecoder.check(Fields.parse(ctx.body().asString()));
    ServiceDefinition service = spec.serviceId().isEmpty() ? null : agent.services().get(spec.serviceId());
    if (service != null) RequestAcl.serviceWrite(ctx, service.name());
    else RequestAcl.nodeWrite(ctx, agent.nodeName());
    HealthCheck existing = existing(spec.id().isEmpty() ? spec.name() : spec.id());
    if (existing != null) requireCheckWrite(ctx, existing);
    return Replies.onContext(checks.register(spec, LocalAgent.Source.API)).map(i -> null);
  }

  Object agentCheckDeregister(RoutingContext ctx) {
    requireCheckWrite(ctx, ctx.pathParam("id"));
    return Replies.onContext(checks.deregister(ctx.pathParam("id"))).map(i -> null);
  }

  Object agentCheckPass(RoutingContext ctx) {
    return ttl(ctx, HealthStatus.PASSING, note(ctx));
  }

  Object agentCheckWarn(RoutingContext ctx) {
    return ttl(ctx, HealthStatus.WARNING, note(ctx));
  }

  Object agentCheckFail(RoutingContext ctx) {
    return ttl(ctx, HealthStatus.CRITICAL, note(ctx));
  }

  /** {@code {"Status": "...", "Output": "..."}}; an absent Status means passing, as in Consul. */
  Object agentCheckUpdate(RoutingContext ctx) {
    String body = ctx.body().asString();
    Fields f = Fields.parse(body == null || body.isBlank() ? "{}" : body);
    String word = f.string("passing", "Status");
    HealthStatus status;
    try {
      status = HealthStatus.of(word);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("Invalid check status: '" + word + "'");
    }
    return ttl(ctx, status, f.string("", "Output"));
  }

  Object agentMaintenance(RoutingContext ctx) {
    RequestAcl.nodeWrite(ctx, agent.nodeName());
    return Replies.onContext(checks.nodeMaintenance(enable(ctx), reason(ctx))).map(i -> null);
  }

  Object agentServiceMaintenance(RoutingContext ctx) {
    ServiceDefinition service = agent.services().get(ctx.pathParam("id"));
    if (service != null) RequestAcl.serviceWrite(ctx, service.name());
    return Replies.onContext(checks.serviceMaintenance(ctx.pathParam("id"), enable(ctx), reason(ctx)))
        .map(i -> null);
  }

  private Future<Object> ttl(RoutingContext ctx, HealthStatus status, String output) {
    requireCheckWrite(ctx, ctx.pathParam("id"));
    return Replies.onContext(checks.ttl(ctx.pathParam("id"), status, output)).map(v -> null);
  }

  /** This node's check by ID, or null. */
  private HealthCheck existing(String checkId) {
    for (HealthCheck c : store.snapshot().checksOnNode(agent.nodeName())) if (c.checkId().equals(checkId)) return c;
    return null;
  }

  /** A service's check needs service:write on it, a node check node:write; an unknown one is the endpoint's 404. */
  private void requireCheckWrite(RoutingContext ctx, String checkId) {
    HealthCheck c = existing(checkId);
    if (c != null) requireCheckWrite(ctx, c);
  }

  private static void requireCheckWrite(RoutingContext ctx, HealthCheck c) {
    if (c.isNodeCheck()) RequestAcl.nodeWrite(ctx, c.node());
    else RequestAcl.serviceWrite(ctx, c.serviceName());
  }

  private static String note(RoutingContext ctx) {
    String note = ctx.request().getParam("note");
    return note == null ? "" : note;
  }

  private static boolean enable(RoutingContext ctx) {
    String raw = ctx.request().getParam("enable");
    if (raw == null || raw.isEmpty()) throw ApiError.badRequest("Missing value for enable");
    if (raw.equalsIgnoreCase("true")) return true;
    if (raw.equalsIgnoreCase("false")) return false;
    throw ApiError.badRequest("Invalid value for enable: \"" + raw + "\"");
  }

  private static String reason(RoutingContext ctx) {
    String r = ctx.request().getParam("reason");
    return r == null ? "" : r;
  }
}
