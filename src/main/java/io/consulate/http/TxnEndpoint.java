package io.consulate.http;

import io.consulate.catalog.CatalogTxn;
import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.Node;
import io.consulate.catalog.ServiceInstance;
import io.consulate.json.Fields;
import io.consulate.json.JsonFieldException;
import io.consulate.kv.KvEntry;
import io.consulate.kv.Txn;
import io.consulate.kv.TxnOp;
import io.consulate.store.Store;
import io.consulate.store.TxnCommand;
import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * {@code PUT /v1/txn} (agent/txn_endpoint.go): KV, Node, Service and Check operations, all applied under one index
 * or none, with every operation's error in a 409. At most {@link #MAX_OPS} operations, as Consul.
 */
final class TxnEndpoint {
  static final int MAX_OPS = 128;

  private final Store store;
  private final java.time.Clock clock;
  private final String datacenter;

  TxnEndpoint(Store store, java.time.Clock clock, String datacenter) {
    this.store = store;
    this.clock = clock;
    this.datacenter = datacenter;
  }

  Object txn(RoutingContext ctx) {
    List<TxnCommand.Step> steps = parse(ctx.body().asString());
    JsonArray denied = new JsonArray();
    io.consulate.catalog.CatalogSnapshot snap = store.snapshot();
    for (int i = 0; i < steps.size(); i++) {
      ApiError refusal = TxnAcl.refusal(ctx, steps.get(i), snap);
      if (refusal != null) denied.add(new JsonObject().put("OpIndex", i).put("What", refusal.getMessage()));
    }
    if (!denied.isEmpty()) {
      ctx.response().setStatusCode(409);
      return new JsonObject().putNull("Results").put("Errors", denied);
    }
    return Replies.onContext(store.submit(new TxnCommand(steps, clock.millis())))
        .map(w -> reply(ctx, w.value()))
        .recover(err -> {
          Throwable cause = err.getCause() != null ? err.getCause() : err;
          if (!(cause instanceof Txn.Failed failed)) return Future.failedFuture(err);
          JsonArray errors = new JsonArray();
          for (Txn.Error e : failed.errors()) errors.add(new JsonObject().put("OpIndex", e.opIndex()).put("What", e.what()));
          ctx.response().setStatusCode(409);
          return Future.succeededFuture(new JsonObject().putNull("Results").put("Errors", errors));
        });
  }

  private static JsonObject reply(RoutingContext ctx, List<Object> results) {
    JsonArray out = new JsonArray();
    for (Object r : results) {
      if (!TxnAcl.visible(ctx, r)) continue;
      if (r instanceof KvEntry e) out.add(new JsonObject().put("KV", KvJson.entry(e)));
      else if (r instanceof Node n) out.add(new JsonObject().put("Node", ConsulJson.node(n)));
      else if (r instanceof ServiceInstance s) out.add(new JsonObject().put("Service", ConsulJson.nodeService(s)));
      else out.add(new JsonObject().put("Check", ConsulJson.check((HealthCheck) r)));
    }
    return new JsonObject().put("Results", out).putNull("Errors");
  }

  private List<TxnCommand.Step> parse(String body) {
    Object doc;
    try {
      doc = Json.decodeValue(body == null ? "" : body);
    } catch (RuntimeException e) {
      throw ApiError.badRequest("Failed to parse body: " + e.getMessage());
    }
    if (!(doc instanceof JsonArray array)) throw ApiError.badRequest("Failed to parse body: expected a list of operations");
    if (array.size() > MAX_OPS) {
      throw new ApiError(413, "Transaction contains too many operations (" + array.size() + " > " + MAX_OPS + ")");
    }
    List<TxnCommand.Step> steps = new ArrayList<>();
    for (Object o : array) {
      Fields op = o instanceof JsonObject j ? Fields.of(j) : Fields.of(new JsonObject());
      steps.add(step(op));
    }
    return steps;
  }

  private TxnCommand.Step step(Fields op) {
    Fields kv = op.object("KV");
    if (kv != null) {
      return new TxnCommand.Kv(new TxnOp(verb(kv), kv.string("", "Key"), value(kv), number(kv, "Flags"),
          number(kv, "Index"), kv.string("", "Session")));
    }
    Fields node = op.object("Node");
    if (node != null) {
      Fields n = node.object("Node");
      if (n == null) throw ApiError.badRequest("Node.Node: missing");
      Node entry = new Node(n.string("", "Node"), n.string("", "ID"), n.string("", "Address"),
          n.string("", "Datacenter").isEmpty() ? datacenter : n.string("", "Datacenter"),
          n.stringMap("TaggedAddresses"), n.stringMap("Meta"), 0, n.longValue(0, "ModifyIndex"));
      return catalog(CatalogTxn.Kind.NODE, node, entry);
    }
    Fields service = op.object("Service");
    if (service != null) {
      Fields s = service.object("Service");
      if (s == null) throw ApiError.badRequest("Service.Service: missing");
      return catalog(CatalogTxn.Kind.SERVICE, service, CatalogRegistration.service(s, service.string("", "Node")));
    }
    Fields check = op.object("Check");
    if (check != null) {
      Fields c = check.object("Check");
      if (c == null) throw ApiError.badRequest("Check.Check: missing");
      return catalog(CatalogTxn.Kind.CHECK, check, CatalogRegistration.check(c, c.string("", "Node"), null));
    }
    throw ApiError.badRequest("Only KV, Node, Service and Check operations are supported in transactions");
  }

  private static TxnCommand.Step catalog(CatalogTxn.Kind kind, Fields op, Object entry) {
    return new TxnCommand.Catalog(new CatalogTxn.Op(kind, verb(op), entry));
  }

  private static String verb(Fields op) {
    return op.string("", "Verb").toLowerCase(Locale.ROOT);
  }

  private static byte[] value(Fields kv) {
    try {
      return Base64.getDecoder().decode(kv.string("", "Value"));
    } catch (IllegalArgumentException e) {
      throw new JsonFieldException("KV.Value: not base64");
    }
  }

  private static long number(Fields kv, String name) {
    Object v = kv.raw(name);
    if (v == null) return 0;
    if (v instanceof Number n) return n.longValue();
    throw new JsonFieldException("KV." + name + ": expected a number");
  }
}
