package io.consulate.http;

import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.HealthStatus;
import io.consulate.local.AgentChecks;
import io.consulate.local.LocalAgent;
import io.consulate.local.ServiceDefinition;
import io.consulate.store.Store;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /v1/agent/health/service/id/:id} and {@code /name/:name}: the worst status of a local service's checks
 * (its own and the node's) as the HTTP status a load balancer can act on, as Consul's
 * {@code AgentHealthServiceByID}/{@code ByName}: passing 200, warning 429, critical or maintenance 503, unknown 404;
 * the body is {@code AgentServiceChecksInfo} JSON, or only the status under {@code ?format=text} or
 * {@code Accept: text/plain}.
 */
final class AgentHealthEndpoints {
  private final Store store;
  private final LocalAgent agent;
  private final String datacenter;

  AgentHealthEndpoints(Store store, LocalAgent agent, String datacenter) {
    this.store = store;
    this.agent = agent;
    this.datacenter = datacenter;
  }

  Object byId(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    ServiceDefinition d = agent.services().get(id);
    if (d == null) {
      String reason = "ServiceId " + id + " not found";
      if (wantsText(ctx)) return text(ctx, 404, reason);
      ctx.response().setStatusCode(404);
      return new JsonObject().put("AggregatedStatus", HealthStatus.CRITICAL.wire()).putNull("Service").putNull("Checks");
    }
    RequestAcl.require(ctx, RequestAcl.authz(ctx).serviceRead(d.name()), "service", "read", d.name());
    Info info = info(d);
    if (wantsText(ctx)) return text(ctx, info.code(), info.status());
    ctx.response().setStatusCode(info.code());
    return info.json();
  }

  Object byName(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    RequestAcl.require(ctx, RequestAcl.authz(ctx).serviceRead(name), "service", "read", name);
    int code = 404;
    String status = "ServiceName " + name + " Not Found";
    JsonArray out = new JsonArray();
    for (ServiceDefinition d : agent.services().values()) {
      if (!d.name().equals(name)) continue;
      Info info = info(d);
      out.add(info.json());
      if (code == 404 || code < info.code()) { // the worst wins: passing 200 < warning 429 < critical 503
        code = info.code();
        status = info.status();
      }
    }
    if (wantsText(ctx)) return text(ctx, code, status);
    ctx.response().setStatusCode(code);
    return out;
  }

  private record Info(int code, String status, JsonObject json) {}

  private Info info(ServiceDefinition d) {
    List<HealthCheck> checks = new ArrayList<>();
    for (HealthCheck c : store.snapshot().checksOnNode(agent.nodeName())) {
      if (c.checkId().equals(HealthCheck.SERF_HEALTH)) continue; // the servers' check, not one of this agent's
      if (c.isNodeCheck() || c.serviceId().equals(d.id())) checks.add(c);
    }
    String status = aggregated(checks);
    int code = status.equals(HealthStatus.PASSING.wire()) ? 200 : status.equals(HealthStatus.WARNING.wire()) ? 429 : 503;
    JsonArray list = new JsonArray();
    checks.forEach(c -> list.add(ConsulJson.check(c)));
    JsonObject json = new JsonObject().put("AggregatedStatus", status)
        .put("Service", ConsulJson.agentService(d, datacenter)).put("Checks", list);
    return new Info(code, status, json);
  }

  /** Consul's {@code HealthChecks.AggregatedStatus}: maintenance, then critical, then warning; none is passing. */
  static String aggregated(List<HealthCheck> checks) {
    boolean maintenance = false;
    boolean critical = false;
    boolean warning = false;
    for (HealthCheck c : checks) {
      if (c.checkId().equals(AgentChecks.NODE_MAINTENANCE) || c.checkId().startsWith(AgentChecks.SERVICE_MAINTENANCE_PREFIX)) {
        maintenance = true;
      } else if (c.status() == HealthStatus.CRITICAL) {
        critical = true;
      } else if (c.status() == HealthStatus.WARNING) {
        warning = true;
      }
    }
    if (maintenance) return "maintenance";
    if (critical) return HealthStatus.CRITICAL.wire();
    return warning ? HealthStatus.WARNING.wire() : HealthStatus.PASSING.wire();
  }

  private static boolean wantsText(RoutingContext ctx) {
    String accept = ctx.request().getHeader("Accept");
    if (accept != null && accept.startsWith("text/plain")) return true;
    return "text".equals(ctx.request().getParam("format"));
  }

  private static Object text(RoutingContext ctx, int code, String body) {
    ctx.response().setStatusCode(code).putHeader("Content-Type", "text/plain").end(body);
    return null;
  }
}
