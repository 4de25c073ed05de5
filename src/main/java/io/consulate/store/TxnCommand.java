package io.consulate.store;

import io.consulate.catalog.CatalogException;
import io.consulate.catalog.CatalogTxn;
import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.Node;
import io.consulate.catalog.ServiceInstance;
import io.consulate.kv.KvEntry;
import io.consulate.kv.KvException;
import io.consulate.kv.Txn;
import io.consulate.kv.TxnOp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code /v1/txn}: KV and catalog operations in order, all or nothing. Answers each operation's results: KV
 * entries, nodes, services and checks. A transaction with catalog operations is a protocol-3 entry (0.1.0 read
 * every operation as a KV one).
 */
public record TxnCommand(List<Step> steps, long nowMillis) implements Command<List<Object>> {
  /** One operation of the transaction. */
  public sealed interface Step permits Kv, Catalog {}

  public record Kv(TxnOp op) implements Step {}

  public record Catalog(CatalogTxn.Op op) implements Step {}

  public TxnCommand {
    steps = List.copyOf(steps);
  }

  @Override
  public List<Object> apply(Mutation m) {
    List<Object> results = new ArrayList<>();
    List<Txn.Error> errors = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      try {
        if (steps.get(i) instanceof Kv kv) {
          results.addAll(Txn.apply(m.kv(), kv.op()));
        } else {
          Object entry = CatalogTxn.apply(m.catalogChanges(), m.catalog(), ((Catalog) steps.get(i)).op());
          if (entry != null) results.add(entry);
        }
      } catch (KvException | CatalogException e) {
        errors.add(new Txn.Error(i, e.getMessage()));
      }
    }
    if (!errors.isEmpty()) throw new Txn.Failed(errors);
    return results;
  }

  /** Catalog steps and KV {@code get-or-empty} are new in protocol 3: 0.1.0 would refuse them, and diverge. */
  @Override
  public int protocol() {
    boolean newer = steps.stream().anyMatch(s -> s instanceof Catalog || ((Kv) s).op().verb().equals("get-or-empty"));
    return newer ? 3 : Command.super.protocol();
  }

  @Override
  public JsonObject toJson() {
    JsonArray ops = new JsonArray();
    for (Step s : steps) {
      if (s instanceof Kv kv) {
        ops.add(TxnOps.toJson(kv.op()));
      } else {
        CatalogTxn.Op op = ((Catalog) s).op();
        ops.add(new JsonObject().put("kind", op.kind().name()).put("verb", op.verb()).put("entry", EntryCodec.toJson(op.entry())));
      }
    }
    return new JsonObject().put("ops", ops).put("now", nowMillis);
  }

  static TxnCommand fromJson(JsonObject j) {
    JsonArray ops = j.getJsonArray("ops");
    List<Step> steps = new ArrayList<>(ops.size());
    for (int i = 0; i < ops.size(); i++) {
      JsonObject op = ops.getJsonObject(i);
      String kind = op.getString("kind"); // absent: a KV operation, the only kind before protocol 3
      if (kind == null) {
        steps.add(new Kv(TxnOps.fromJson(op)));
      } else {
        CatalogTxn.Kind k = CatalogTxn.Kind.valueOf(kind);
        steps.add(new Catalog(new CatalogTxn.Op(k, op.getString("verb"), entry(k, op.getJsonObject("entry")))));
      }
    }
    return new TxnCommand(steps, j.getLong("now"));
  }

  private static Object entry(CatalogTxn.Kind kind, JsonObject j) {
    return switch (kind) {
      case NODE -> EntryCodec.decodeNode(j);
      case SERVICE -> EntryCodec.decodeService(j);
      case CHECK -> EntryCodec.decodeCheck(j);
    };
  }

  /** KV entries as 0.1.0 answered them (a node of either version may have submitted it); catalog ones wrapped. */
  @Override
  public Object encodeResult(List<Object> result) {
    JsonArray a = new JsonArray();
    for (Object r : result) {
      if (r instanceof KvEntry e) a.add(TxnOps.entryJson(e));
      else if (r instanceof Node n) a.add(new JsonObject().put("node", EntryCodec.toJson(n)));
      else if (r instanceof ServiceInstance s) a.add(new JsonObject().put("service", EntryCodec.toJson(s)));
      else a.add(new JsonObject().put("check", EntryCodec.toJson((HealthCheck) r)));
    }
    return a;
  }

  @Override
  public List<Object> decodeResult(Object encoded) {
    JsonArray a = (JsonArray) encoded;
    List<Object> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      JsonObject r = a.getJsonObject(i);
      if (r.containsKey("node")) out.add(EntryCodec.decodeNode(r.getJsonObject("node")));
      else if (r.containsKey("service")) out.add(EntryCodec.decodeService(r.getJsonObject("service")));
      else if (r.containsKey("check")) out.add(EntryCodec.decodeCheck(r.getJsonObject("check")));
      else out.add(TxnOps.entry(r));
    }
    return out;
  }
}
