package io.consulate.ui;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.Node;
import io.consulate.catalog.ServiceInstance;
import io.consulate.http.AclFilter;
import io.consulate.http.ConsulJson;
import io.consulate.http.SnapshotReads;
import io.consulate.http.ResultFilter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code /v1/internal/ui/services} and {@code /v1/internal/ui/nodes}: Consul's {@code ServiceListingSummary}
 * and {@code NodeInfo} shapes, plus this UI's filters and paging (see {@link ServiceQuery}, {@link Page}).
 * Without those parameters the answer is the whole list, as Consul's UI asks for it. Both are blocking
 * queries on the catalog's index; the summaries are kept up to date
 * by {@link ServiceSummaries}, and a page's JSON is rendered once per snapshot for every tab asking the same
 * with the same token. With ACLs on each shows only what the request's token may read ({@link SummaryAcl},
 * {@link AclFilter}), after the shared summaries and before the filters, so a filter never matches on hidden data.
 */
final class SummaryEndpoints {
  private final SnapshotReads<CatalogSnapshot> reads;
  private final String datacenter;
  private final ServiceSummaries services;

  SummaryEndpoints(SnapshotReads<CatalogSnapshot> reads, String datacenter, ServiceSummaries services) {
    this.reads = reads;
    this.services = services;
    this.datacenter = datacenter;
  }

  Object services(RoutingContext ctx) {
    ServiceQuery query = ServiceQuery.from(ctx);
    ResultFilter filter = ResultFilter.of(ctx);
    return reads.read(ctx, CatalogSnapshot::index,
        snap -> Page.of(ctx, query.apply(SummaryAcl.visible(ctx, snap, services.of(snap)), snap, SummaryAcl.instances(ctx)),
            this::serviceJson, filter));
  }

  Object nodes(RoutingContext ctx) {
    Predicate<String> search = Search.parse(ctx.request().getParam("s"));
    ResultFilter filter = ResultFilter.of(ctx);
    return reads.read(ctx, CatalogSnapshot::index, snap -> {
      List<Node> matching = new ArrayList<>();
      for (Node n : snap.nodes()) {
        if (AclFilter.node(ctx, n.name()) && (search.test(n.name()) || search.test(n.address()))) matching.add(n);
      }
      return Page.of(ctx, matching, n -> nodeJson(ctx, snap, n), filter);
    });
  }

  private JsonObject serviceJson(ServiceSummary s) {
    return new JsonObject().put("Name", s.name()).put("Datacenter", datacenter)
        .put("Tags", s.tags().isEmpty() ? null : new JsonArray(List.copyOf(s.tags())))
        .put("Nodes", new JsonArray(List.copyOf(s.nodes()))).put("ExternalSources", null)
        .put("InstanceCount", s.instanceCount()).put("ChecksPassing", s.checksPassing())
        .put("ChecksWarning", s.checksWarning()).put("ChecksCritical", s.checksCritical())
        .put("GatewayConfig", new JsonObject()).put("TransparentProxy", false).put("ConnectNative", false)
        .put("ConnectedWithProxy", false).put("ConnectedWithGateway", false);
  }

  /** A readable node with the services and checks on it the request may read (Consul's filterNodeDump). */
  private static JsonObject nodeJson(RoutingContext ctx, CatalogSnapshot snap, Node n) {
    JsonArray nodeServices = new JsonArray();
    for (ServiceInstance s : snap.servicesOnNode(n.name())) {
      if (AclFilter.service(ctx, s.name())) nodeServices.add(ConsulJson.nodeService(s));
    }
    JsonArray checks = new JsonArray();
    for (HealthCheck c : snap.checksOnNode(n.name())) if (AclFilter.check(ctx, c)) checks.add(ConsulJson.check(c));
    return new JsonObject().put("ID", n.id()).put("Node", n.name()).put("Address", n.address())
        .put("Datacenter", n.datacenter()).put("TaggedAddresses", ConsulJson.map(n.taggedAddresses()))
        .put("Meta", ConsulJson.map(n.meta())).put("Services", nodeServices).put("Checks", checks);
  }
}
