package io.consulate.http;

import io.consulate.catalog.Node;
import io.consulate.catalog.ServiceInstance;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;

/** Consul's query parameters: presence-based flags, repeatable {@code tag} and {@code node-meta} filters, {@code dc}. */
final class Params {
  private Params() {}

  /** A flag like {@code ?passing}: present and empty means true, else Go's ParseBool, else 400. */
  static boolean flag(RoutingContext ctx, String name) {
    String raw = ctx.request().getParam(name);
    if (raw == null) return false;
    switch (raw.toLowerCase(Locale.ROOT)) {
      case "": case "1": case "t": case "true": return true;
      case "0": case "f": case "false": return false;
      default: throw ApiError.badRequest("Invalid value for ?" + name);
    }
  }

  /** Refuses datacenters other than ours, as Consul does when it has no route to one. */
  static void requireDatacenter(RoutingContext ctx, String ours) {
    String dc = ctx.request().getParam("dc");
    if (dc != null && !dc.isEmpty() && !dc.equalsIgnoreCase(ours)) {
      throw new ApiError(500, "No path to datacenter");
    }
  }

  /** Every {@code ?tag=} must be one of the instance's tags (case-insensitive). */
  static boolean tagsMatch(RoutingContext ctx, ServiceInstance s) {
    for (String tag : ctx.queryParam("tag")) if (!s.hasTag(tag)) return false;
    return true;
  }

  /** Every {@code ?node-meta=key:value} must be in the node's meta. */
  static boolean nodeMetaMatches(RoutingContext ctx, Node n) {
    List<String> filters = ctx.queryParam("node-meta");
    for (String f : filters) {
      int colon = f.indexOf(':');
      String key = colon < 0 ? f : f.substring(0, colon);
      String value = colon < 0 ? "" : f.substring(colon + 1);
      if (!value.equals(n.meta().get(key))) return false;
    }
    return true;
  }

  static String pathParam(RoutingContext ctx, String name, String missing) {
    String v = ctx.pathParam(name);
    if (v == null || v.isEmpty()) throw ApiError.badRequest(missing);
    return v;
  }
}
