package io.consulate.store;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** A catalog write: its steps, applied in order as one change set under one index (all or nothing). */
public record CatalogCommand(List<CatalogOp> ops) implements Command<Void> {
  public CatalogCommand {
    ops = List.copyOf(ops);
  }

  public static CatalogCommand of(CatalogOp... ops) {
    return new CatalogCommand(List.of(ops));
  }

  @Override
  public Void apply(Mutation m) {
    for (CatalogOp op : ops) op.apply(m.catalogChanges(), m.catalog());
    return null;
  }

  @Override
  public JsonObject toJson() {
    JsonArray a = new JsonArray();
    for (CatalogOp op : ops) a.add(op.toJson());
    return new JsonObject().put("ops", a);
  }

  static CatalogCommand fromJson(JsonObject j) {
    JsonArray a = j.getJsonArray("ops");
    List<CatalogOp> ops = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) ops.add(CatalogOp.fromJson(a.getJsonObject(i)));
    return new CatalogCommand(ops);
  }

  @Override
  public Object encodeResult(Void result) {
    return null;
  }

  @Override
  public Void decodeResult(Object encoded) {
    return null;
  }
}
