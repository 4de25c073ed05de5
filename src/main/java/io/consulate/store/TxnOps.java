package io.consulate.store;

import io.consulate.kv.KvEntry;
import io.consulate.kv.TxnOp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Replicated form of KV operations and of the entries a transaction answers. */
final class TxnOps {
  private TxnOps() {}

  static JsonObject toJson(TxnOp op) {
    return new JsonObject().put("verb", op.verb()).put("key", op.key()).put("value", base64(op.value()))
        .put("flags", op.flags()).put("index", op.index()).put("session", op.session());
  }

  static TxnOp fromJson(JsonObject j) {
    return new TxnOp(j.getString("verb"), j.getString("key"), bytes(j.getString("value")), j.getLong("flags"),
        j.getLong("index"), j.getString("session"));
  }

  static JsonArray toJson(List<TxnOp> ops) {
    JsonArray a = new JsonArray();
    for (TxnOp op : ops) a.add(toJson(op));
    return a;
  }

  static List<TxnOp> fromJson(JsonArray a) {
    List<TxnOp> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) out.add(fromJson(a.getJsonObject(i)));
    return out;
  }

  static JsonObject entryJson(KvEntry e) {
    return new JsonObject().put("key", e.key()).put("value", base64(e.value())).put("flags", e.flags())
        .put("ci", e.createIndex()).put("mi", e.modifyIndex()).put("li", e.lockIndex()).put("session", e.session());
  }

  static KvEntry entry(JsonObject j) {
    return new KvEntry(j.getString("key"), bytes(j.getString("value")), j.getLong("flags"), j.getLong("ci"),
        j.getLong("mi"), j.getLong("li"), j.getString("session"));
  }

  private static String base64(byte[] b) {
    return b == null ? null : Base64.getEncoder().encodeToString(b);
  }

  private static byte[] bytes(String s) {
    return s == null ? null : Base64.getDecoder().decode(s);
  }
}
