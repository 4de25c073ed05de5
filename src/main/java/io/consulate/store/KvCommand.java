package io.consulate.store;

import io.consulate.kv.KvChanges;
import io.consulate.kv.KvOps;
import io.consulate.kv.TxnOp;
import io.vertx.core.json.JsonObject;

/**
 * One {@code /v1/kv} write: set, cas, lock (acquire), unlock (release), delete, delete-tree or delete-cas.
 * Answers whether it took effect, as Consul's {@code true}/{@code false} body.
 */
public record KvCommand(TxnOp op, long nowMillis) implements Command<Boolean> {
  @Override
  public Boolean apply(Mutation m) {
    KvChanges c = m.kv();
    String key = op.key();
    switch (op.verb()) {
      case "set": return KvOps.set(c, key, op.value(), op.flags()) != null;
      case "cas": return KvOps.cas(c, key, op.value(), op.flags(), op.index()) != null;
      case "lock": return KvOps.lock(c, key, op.value(), op.flags(), op.session()) != null;
      case "unlock": return KvOps.unlock(c, key, op.value(), op.flags(), op.session()) != null;
      case "delete":
        KvOps.delete(c, key);
        return true;
      case "delete-tree":
        KvOps.deleteTree(c, key);
        return true;
      case "delete-cas": return KvOps.deleteCas(c, key, op.index());
      default: throw new IllegalArgumentException("unknown KV verb \"" + op.verb() + "\"");
    }
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("op", TxnOps.toJson(op)).put("now", nowMillis);
  }

  static KvCommand fromJson(JsonObject j) {
    return new KvCommand(TxnOps.fromJson(j.getJsonObject("op")), j.getLong("now"));
  }

  @Override
  public Object encodeResult(Boolean result) {
    return result;
  }

  @Override
  public Boolean decodeResult(Object encoded) {
    return (Boolean) encoded;
  }
}
