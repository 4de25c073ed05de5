package io.consulate.ui;

import io.consulate.acl.Authorizer;
import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.ServiceHealth;
import io.consulate.catalog.ServiceInstance;
import io.consulate.http.AclFilter;
import io.consulate.http.RequestAcl;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * The shared summaries as one request's token may see them, as Consul's UI endpoint summarizes only the instances
 * its ACL filter kept: a service needs {@code service:read}, each of its instances {@code node:read} on its node too.
 * A summary whose nodes are all readable is served as maintained; one with a hidden node is recounted from the
 * visible instances. A token that reads every service and node (any request with ACLs off) gets the shared ones
 * untouched, at no cost.
 */
final class SummaryAcl {
  private SummaryAcl() {}

  static boolean seesAll(RoutingContext ctx) {
    Authorizer a = RequestAcl.authz(ctx);
    return a.serviceReadAll() && a.nodeReadAll();
  }

  /** The summaries of {@code all} the request may see, in the same order. */
  static Collection<ServiceSummary> visible(RoutingContext ctx, CatalogSnapshot snap, Collection<ServiceSummary> all) {
    if (seesAll(ctx)) return all;
    Authorizer a = RequestAcl.authz(ctx);
    List<ServiceSummary> out = new ArrayList<>();
    for (ServiceSummary s : all) {
      if (!AclFilter.service(ctx, s.name())) continue;
      if (s.nodes().stream().allMatch(a::nodeRead)) {
        out.add(s);
        continue;
      }
      List<ServiceHealth> kept = snap.health(s.name()).stream().filter(h -> AclFilter.instance(ctx, h)).toList();
      if (!kept.isEmpty()) out.add(ServiceSummary.of(s.name(), kept));
    }
    return out;
  }

  /** Whether the request may see one instance: what a filter on instances' fields may look at. */
  static Predicate<ServiceInstance> instances(RoutingContext ctx) {
    if (seesAll(ctx)) return i -> true;
    Authorizer a = RequestAcl.authz(ctx);
    return i -> a.serviceRead(i.name()) && a.nodeRead(i.node());
  }
}
