package io.consulate.http;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.HealthStatus;
import io.consulate.catalog.IndexKeys;
import io.consulate.catalog.ServiceHealth;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;

/** {@code /v1/health/*}: instances with their checks, and checks by service, node and state. */
final class HealthEndpoints {
  private final SnapshotReads<CatalogSnapshot> reads;

  HealthEndpoints(SnapshotReads<CatalogSnapshot> reads) {
    this.reads = reads;
  }

  Object healthService(RoutingContext ctx) {
    String name = Params.pathParam(ctx, "service", "Missing service name");
    boolean passing = Params.flag(ctx, "passing");
    ResultFilter filter = ResultFilter.of(ctx);
    return reads.read(ctx, s -> s.index(IndexKeys.service(name), IndexKeys.SERVICES), snap -> {
      JsonArray out = new JsonArray();
      for (ServiceHealth h : snap.health(name)) {
        if (passing && h.status() != HealthStatus.PASSING) continue;
        if (Params.tagsMatch(ctx, h.service()) && Params.nodeMetaMatches(ctx, h.node()) && AclFilter.instance(ctx, h)) {
          out.add(ConsulJson.serviceHealth(h));
        }
      }
      return filter.keep(out);
    });
  }

  Object healthChecks(RoutingContext ctx) {
    String name = Params.pathParam(ctx, "service", "Missing service name");
    ResultFilter filter = ResultFilter.of(ctx);
    return reads.read(ctx, s -> s.index(IndexKeys.service(name), IndexKeys.SERVICES), snap -> {
      JsonArray out = new JsonArray();
      for (ServiceHealth h : snap.health(name)) {
        if (!Params.nodeMetaMatches(ctx, h.node())) continue;
        for (HealthCheck c : h.checks()) if (!c.isNodeCheck() && AclFilter.check(ctx, c)) out.add(ConsulJson.check(c));
      }
      return filter.keep(out);
    });
  }

  Object healthNode(RoutingContext ctx) {
    String node = Params.pathParam(ctx, "node", "Missing node name");
    ResultFilter filter = ResultFilter.of(ctx);
    return reads.read(ctx, s -> s.index(IndexKeys.node(node), IndexKeys.NODES), snap -> {
      JsonArray out = new JsonArray();
      for (HealthCheck c : snap.checksOnNode(node)) if (AclFilter.check(ctx, c)) out.add(ConsulJson.check(c));
      return filter.keep(out);
    });
  }

  Object healthState(RoutingContext ctx) {
    String state = Params.pathParam(ctx, "state", "Missing check state");
    HealthStatus wanted;
    if (state.equals("any")) {
      wanted = null;
    } else {
      try {
        wanted = HealthStatus.of(state);
      } catch (IllegalArgumentException e) {
        throw ApiError.badRequest("Invalid state \"" + state + "\": must be any, passing, warning or critical");
      }
    }
    ResultFilter filter = ResultFilter.of(ctx);
    return reads.read(ctx, s -> s.index(IndexKeys.CHECKS, IndexKeys.CHECKS), snap -> {
      JsonArray out = new JsonArray();
      for (HealthCheck c : snap.checks()) {
        if ((wanted == null || c.status() == wanted) && AclFilter.check(ctx, c)) out.add(ConsulJson.check(c));
      }
      return filter.keep(out);
    });
  }
}
