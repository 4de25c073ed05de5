package io.consulate.store;

import io.consulate.kv.KvEntry;
import io.consulate.kv.Txn;
import io.consulate.kv.TxnOp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** A {@code /v1/txn} of KV operations: all or nothing ({@link Txn}); answers the result entries. */
public record TxnCommand(List<TxnOp> ops, long nowMillis) implements Command<List<KvEntry>> {
  public TxnCommand {
    ops = List.copyOf(ops);
  }

  @Override
  public List<KvEntry> apply(Mutation m) {
    return Txn.run(m.kv(), ops);
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("ops", TxnOps.toJson(ops)).put("now", nowMillis);
  }

  static TxnCommand fromJson(JsonObject j) {
    return new TxnCommand(TxnOps.fromJson(j.getJsonArray("ops")), j.getLong("now"));
  }

  @Override
  public Object encodeResult(List<KvEntry> result) {
    JsonArray a = new JsonArray();
    for (KvEntry e : result) a.add(TxnOps.entryJson(e));
    return a;
  }

  @Override
  public List<KvEntry> decodeResult(Object encoded) {
    JsonArray a = (JsonArray) encoded;
    List<KvEntry> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) out.add(TxnOps.entry(a.getJsonObject(i)));
    return out;
  }
}
