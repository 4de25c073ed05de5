package io.consulate.store;

import io.consulate.kv.PreparedQuery;
import io.consulate.kv.QueryOps;
import io.vertx.core.json.JsonObject;

/** Prepared query writes: create or update (by the state's rules, {@link QueryOps}), delete. Type 8, protocol 3. */
public sealed interface QueryCommand<R> extends Command<R> {
  /** Type 8 is new in protocol 3: Consulate 0.1.0 (protocol 2) cannot read it. */
  @Override
  default int protocol() {
    return 3;
  }

  /** Answers the query's ID. */
  record Put(PreparedQuery query, boolean create) implements QueryCommand<String> {
    public String apply(Mutation m) {
      return QueryOps.put(m.kv(), query, create).id();
    }

    public JsonObject toJson() {
      return new JsonObject().put("put", new JsonObject(KvCodec.encode(query))).put("create", create);
    }

    public Object encodeResult(String id) {
      return id;
    }

    public String decodeResult(Object encoded) {
      return (String) encoded;
    }
  }

  record Delete(String id) implements QueryCommand<Void> {
    public Void apply(Mutation m) {
      QueryOps.delete(m.kv(), id);
      return null;
    }

    public JsonObject toJson() {
      return new JsonObject().put("delete", id);
    }

    public Object encodeResult(Void result) {
      return null;
    }

    public Void decodeResult(Object encoded) {
      return null;
    }
  }

  static QueryCommand<?> fromJson(JsonObject j) {
    if (j.containsKey("put")) return new Put(KvCodec.decodeQuery(j.getJsonObject("put").encode()), j.getBoolean("create"));
    if (j.containsKey("delete")) return new Delete(j.getString("delete"));
    throw new IllegalArgumentException("unknown prepared query command " + j.fieldNames());
  }
}
