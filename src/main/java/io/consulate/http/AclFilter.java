package io.consulate.http;

import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.ServiceHealth;
import io.vertx.ext.web.RoutingContext;

/**
 * What a read may show the request's token, Consul's {@code aclFilter} (agent/consul/acl.go): a node needs
 * {@code node:read}, a service instance {@code service:read} on its name and {@code node:read} on its node, a check
 * the same as its service (or its node, for a node check). Each call that hides something marks the reply as
 * filtered ({@code X-Consul-Results-Filtered-By-ACLs}). With ACLs off everything is visible.
 */
public final class AclFilter {
  private AclFilter() {}

  public static boolean node(RoutingContext ctx, String node) {
    return RequestAcl.visible(ctx, RequestAcl.authz(ctx).nodeRead(node));
  }

  public static boolean service(RoutingContext ctx, String service) {
    return RequestAcl.visible(ctx, RequestAcl.authz(ctx).serviceRead(service));
  }

  public static boolean instance(RoutingContext ctx, String service, String node) {
    var a = RequestAcl.authz(ctx);
    return RequestAcl.visible(ctx, a.serviceRead(service) && a.nodeRead(node));
  }

  public static boolean instance(RoutingContext ctx, ServiceHealth h) {
    return instance(ctx, h.service().name(), h.node().name());
  }

  public static boolean check(RoutingContext ctx, HealthCheck c) {
    return c.isNodeCheck() ? node(ctx, c.node()) : instance(ctx, c.serviceName(), c.node());
  }

  public static boolean key(RoutingContext ctx, String key) {
    return RequestAcl.visible(ctx, RequestAcl.authz(ctx).keyRead(key));
  }

  /** Sessions are read by the node they belong to. */
  public static boolean session(RoutingContext ctx, String node) {
    return RequestAcl.visible(ctx, RequestAcl.authz(ctx).sessionRead(node));
  }

  public static boolean query(RoutingContext ctx, String name) {
    return RequestAcl.visible(ctx, RequestAcl.authz(ctx).queryRead(name));
  }

  public static boolean event(RoutingContext ctx, String name) {
    return RequestAcl.visible(ctx, RequestAcl.authz(ctx).eventRead(name));
  }
}
