package io.consulate.http;

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
 * {@code PUT /v1/txn} (agent/txn_endpoint.go) for KV operations: all succeed and are stored under one index,
 * or none is and the reply is 409 with every operation's error.
 */
final class TxnEndpoint {
  static final int MAX_OPS = 64;

  private final Store store;
  private final java.time.Clock clock;

  TxnEndpoint(Store store, java.time.Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  Object txn(RoutingContext ctx) {
    List<TxnOp> ops = parse(ctx.body().asString());
    return Replies.onContext(store.submit(new TxnCommand(ops, clock.millis())))
        .map(w -> reply(w.value()))
        .recover(err -> {
          Throwable cause = err.getCause() != null ? err.getCause() : err;
          if (!(cause instanceof Txn.Failed failed)) return Future.failedFuture(err);
          JsonArray errors = new JsonArray();
          for (Txn.Error e : failed.errors()) errors.add(new JsonObject().put("OpIndex", e.opIndex()).put("What", e.what()));
          ctx.response().setStatusCode(409);
          return Future.succeededFuture(new JsonObject().putNull("Results").put("Errors", errors));
        });
  }

  private static JsonObject reply(List<KvEntry> results) {
    JsonArray out = new JsonArray();
    for (KvEntry e : results) out.add(new JsonObject().put("KV", KvJson.entry(e)));
    return new JsonObject().put("Results", out).putNull("Errors");
  }

  private static List<TxnOp> parse(String body) {
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
    List<TxnOp> ops = new ArrayList<>();
    for (Object o : array) {
      Fields kv = o instanceof JsonObject j ? Fields.of(j).object("KV") : null;
      if (kv == null) throw ApiError.badRequest("Only KV operations are supported in transactions");
      ops.add(new TxnOp(kv.string("", "Verb").toLowerCase(Locale.ROOT), kv.string("", "Key"), value(kv),
          number(kv, "Flags"), number(kv, "Index"), kv.string("", "Session")));
    }
    return ops;
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
