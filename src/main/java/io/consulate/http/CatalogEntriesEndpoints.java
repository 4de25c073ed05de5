package io.consulate.http;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.EntryKeys;
import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.IndexKeys;
import io.consulate.catalog.Node;
import io.consulate.catalog.ServiceHealth;
import io.consulate.catalog.ServiceInstance;
import io.consulate.store.EntryCodec;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The catalog entries behind one DNS name, in their replicated form, for another datacenter's DNS: a service's
 * instances with their nodes and every check of those nodes, or one node with its services and checks. Blocking
 * like every read ({@code ?index}), so a remote agent keeps its copy current with one parked request per name.
 * Not part of Consul's API (it answers DNS for other datacenters over its own RPC). With ACLs, only what the asking
 * agent's DNS token may read (it comes with the request).
 */
final class CatalogEntriesEndpoints {
  static final String SERVICE_PATH = "/v1/internal/consulate/dns-entries/service/:service";
  static final String NODE_PATH = "/v1/internal/consulate/dns-entries/node/:node";

  private final SnapshotReads<CatalogSnapshot> reads;

  CatalogEntriesEndpoints(SnapshotReads<CatalogSnapshot> reads) {
    this.reads = reads;
  }

  Object service(RoutingContext ctx) {
    String name = Params.pathParam(ctx, "service", "Missing service name");
    return reads.read(ctx, s -> s.index(IndexKeys.service(name), IndexKeys.SERVICES), snap -> {
      JsonObject entries = new JsonObject();
      for (ServiceHealth h : snap.health(name)) if (AclFilter.instance(ctx, h)) EntryCodec.putEntries(entries, h);
      return entries;
    });
  }

  Object node(RoutingContext ctx) {
    String name = Params.pathParam(ctx, "node", "Missing node name");
    return reads.read(ctx, s -> s.index(IndexKeys.node(name), IndexKeys.NODES), snap -> {
      JsonObject entries = new JsonObject();
      Node n = snap.node(name);
      if (n == null || !AclFilter.node(ctx, name)) return entries;
      put(entries, EntryKeys.node(name), n);
      for (ServiceInstance s : snap.servicesOnNode(name)) put(entries, EntryKeys.service(name, s.id()), s);
      for (HealthCheck c : snap.checksOnNode(name)) put(entries, EntryKeys.check(name, c.checkId()), c);
      return entries;
    });
  }

  private static void put(JsonObject entries, String key, Object entry) {
    entries.put(key, EntryCodec.encode(entry));
  }
}
