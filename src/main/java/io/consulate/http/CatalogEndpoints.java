package io.consulate.http;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.IndexKeys;
import io.consulate.catalog.Node;
import io.consulate.catalog.ServiceInstance;
import io.consulate.store.Store;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.SortedSet;
import java.util.TreeSet;

/** {@code /v1/catalog/*}: the cluster-wide view of nodes and services, blocking where Consul blocks. */
final class CatalogEndpoints {
  private final SnapshotReads<CatalogSnapshot> reads;
  private final String datacenter;
  private final io.consulate.cluster.Datacenters datacenters;
  private final CatalogRegistration registration;

  CatalogEndpoints(Store store, SnapshotReads<CatalogSnapshot> reads, String datacenter,
      io.consulate.cluster.Datacenters datacenters) {
    this.reads = reads;
    this.datacenters = datacenters;
    this.datacenter = datacenter;
    this.registration = new CatalogRegistration(store, datacenter);
  }

  Object catalogServices(RoutingContext ctx) {
    return reads.read(ctx, s -> s.index(IndexKeys.SERVICES, IndexKeys.SERVICES), snap -> {
      JsonObject out = new JsonObject();
      boolean filtered = !ctx.queryParam("node-meta").isEmpty();
      snap.serviceTags().forEach((name, tags) -> {
        if (!AclFilter.service(ctx, name)) return;
        if (!filtered) {
          out.put(name, new JsonArray(new java.util.ArrayList<>(tags)));
          return;
        }
        SortedSet<String> kept = new TreeSet<>();
        boolean any = false;
        for (ServiceInstance s : snap.services(name)) {
          if (Params.nodeMetaMatches(ctx, snap.node(s.node()))) {
            any = true;
            kept.addAll(s.tags());
          }
        }
        if (any) out.put(name, new JsonArray(new java.util.ArrayList<>(kept)));
      });
      return out;
    });
  }

  Object catalogService(RoutingContext ctx) {
    String name = Params.pathParam(ctx, "service", "Missing service name");
    ResultFilter filter = ResultFilter.of(ctx);
    return reads.read(ctx, s -> s.index(IndexKeys.service(name), IndexKeys.SERVICES), snap -> {
      JsonArray out = new JsonArray();
      for (ServiceInstance s : snap.services(name)) {
        Node n = snap.node(s.node());
        if (Params.tagsMatch(ctx, s) && Params.nodeMetaMatches(ctx, n) && AclFilter.instance(ctx, s.name(), s.node())) {
          out.add(ConsulJson.serviceNode(n, s));
        }
      }
      return filter.keep(out);
    });
  }

  Object catalogNodes(RoutingContext ctx) {
    ResultFilter filter = ResultFilter.of(ctx);
    return reads.read(ctx, s -> s.index(IndexKeys.NODES, IndexKeys.NODES), snap -> {
      JsonArray out = new JsonArray();
      for (Node n : snap.nodes()) {
        if (Params.nodeMetaMatches(ctx, n) && AclFilter.node(ctx, n.name())) out.add(ConsulJson.node(n));
      }
      return filter.keep(out);
    });
  }

  Object catalogNode(RoutingContext ctx) {
    String name = Params.pathParam(ctx, "node", "Missing node name");
    ResultFilter filter = ResultFilter.of(ctx);
    return reads.read(ctx, s -> s.index(IndexKeys.node(name), IndexKeys.NODES), snap -> {
      Node n = snap.node(name);
      if (n == null || !AclFilter.node(ctx, name)) return null;
      JsonObject services = new JsonObject();
      for (ServiceInstance s : snap.servicesOnNode(name)) {
        if (AclFilter.service(ctx, s.name())) services.put(s.id(), ConsulJson.nodeService(s));
      }
      return new JsonObject().put("Node", ConsulJson.node(n)).put("Services", filter.keepValues(services));
    });
  }

  /** Consul 1.7's list form of {@link #catalogNode}; an unknown node is {@code {"Node":null,"Services":[]}}. */
  Object catalogNodeServices(RoutingContext ctx) {
    String name = Params.pathParam(ctx, "node", "Missing node name");
    ResultFilter filter = ResultFilter.of(ctx);
    return reads.read(ctx, s -> s.index(IndexKeys.node(name), IndexKeys.NODES), snap -> {
      Node n = snap.node(name);
      if (n != null && !AclFilter.node(ctx, name)) n = null;
      JsonArray services = new JsonArray();
      if (n != null) {
        for (ServiceInstance s : snap.servicesOnNode(name)) {
          if (AclFilter.service(ctx, s.name())) services.add(ConsulJson.nodeService(s));
        }
      }
      return new JsonObject().put("Node", n == null ? null : ConsulJson.node(n)).put("Services", filter.keep(services));
    });
  }

  /** Every datacenter the WAN pool knows, nearest first (this one when it is in none). */
  Object catalogDatacenters(RoutingContext ctx) {
    return new JsonArray(new java.util.ArrayList<>(datacenters.nearestFirst()));
  }

  Object catalogRegister(RoutingContext ctx) {
    Params.requireDatacenter(ctx, datacenter);
    return Replies.onContext(registration.register(ctx.body().asString(), ctx)).map(i -> Boolean.TRUE);
  }

  Object catalogDeregister(RoutingContext ctx) {
    Params.requireDatacenter(ctx, datacenter);
    return Replies.onContext(registration.deregister(ctx.body().asString(), ctx)).map(i -> Boolean.TRUE);
  }
}
