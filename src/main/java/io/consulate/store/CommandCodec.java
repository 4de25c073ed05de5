package io.consulate.store;

import io.consulate.acl.AclException;
import io.consulate.catalog.CatalogException;
import io.consulate.kv.KvException;
import io.consulate.kv.Txn;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire form of commands in the log and of the leader's answers. A command is a format version byte, a
 * type code byte and the command's JSON; type codes and fields are only ever added (Consul's
 * {@code MessageType}), so a server of the next version reads every entry of this one. An answer is JSON: the
 * index the write is visible at, and the result or the refusal that the submitting node rethrows.
 */
final class CommandCodec {
  static final byte VERSION = 1;
  static final byte CATALOG = 1;
  static final byte KV = 2;
  static final byte TXN = 3;
  static final byte SESSION = 4;
  static final byte HOUSEKEEPING = 5;
  static final byte RESTORE = 6;
  static final byte EVENT = 7;
  static final byte QUERY = 8;
  static final byte ACL = 9;

  private CommandCodec() {}

  static byte[] encode(Command<?> c) {
    byte[] json = c.toJson().encode().getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[json.length + 2];
    out[0] = VERSION;
    out[1] = typeOf(c);
    System.arraycopy(json, 0, out, 2, json.length);
    return out;
  }

  private static byte typeOf(Command<?> c) {
    if (c instanceof CatalogCommand) return CATALOG;
    if (c instanceof KvCommand) return KV;
    if (c instanceof TxnCommand) return TXN;
    if (c instanceof SessionCommand) return SESSION;
    if (c instanceof RestoreCommand) return RESTORE;
    if (c instanceof EventCommand) return EVENT;
    if (c instanceof QueryCommand) return QUERY;
    if (c instanceof AclCommand) return ACL;
    return HOUSEKEEPING;
  }

  static Command<?> decode(byte[] data, int offset, int length) {
    if (length < 2 || data[offset] > VERSION) {
      throw new IllegalArgumentException("log entry of an unknown format (version " + (length < 1 ? -1 : data[offset])
          + "): this server is older than the one that wrote it");
    }
    JsonObject j = new JsonObject(new String(data, offset + 2, length - 2, StandardCharsets.UTF_8));
    switch (data[offset + 1]) {
      case CATALOG: return CatalogCommand.fromJson(j);
      case KV: return KvCommand.fromJson(j);
      case TXN: return TxnCommand.fromJson(j);
      case SESSION: return SessionCommand.fromJson(j);
      case HOUSEKEEPING: return HousekeepingCommand.fromJson(j);
      case RESTORE: return RestoreCommand.fromJson(j);
      case EVENT: return EventCommand.fromJson(j);
      case QUERY: return QueryCommand.fromJson(j);
      case ACL: return AclCommand.fromJson(j);
      default: throw new IllegalArgumentException("unknown command type " + data[offset + 1]);
    }
  }

  /**
   * The answer to a write that took effect (or was a no-op) at {@code index}, as the {@code applied}-th log
   * entry: the submitting node answers once it has published that many.
   */
  static <R> byte[] answer(Command<R> c, R result, long index, long applied) {
    return new JsonObject().put("i", index).put("a", applied).put("r", c.encodeResult(result)).encode()
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The answer to a write the rules refused: its kind decides what the submitter rethrows. */
  static byte[] refusal(RuntimeException e, long index, long applied) {
    JsonObject err = new JsonObject().put("m", e.getMessage());
    if (e instanceof CatalogException) err.put("k", "catalog");
    else if (e instanceof Txn.Failed f) {
      JsonArray errors = new JsonArray();
      for (Txn.Error x : f.errors()) errors.add(new JsonObject().put("op", x.opIndex()).put("what", x.what()));
      err.put("k", "txn").put("x", errors);
    } else if (e instanceof KvException) err.put("k", "kv");
    else if (e instanceof AclException) err.put("k", "acl");
    else err.put("k", "internal");
    return new JsonObject().put("i", index).put("a", applied).put("e", err).encode().getBytes(StandardCharsets.UTF_8);
  }

  /** The submitter's side: the result and index, or the refusal thrown. */
  static <R> Applied<R> read(Command<R> c, byte[] answer) {
    JsonObject j = new JsonObject(new String(answer, StandardCharsets.UTF_8));
    JsonObject err = j.getJsonObject("e");
    if (err != null) throw refused(err);
    return new Applied<>(c.decodeResult(j.getValue("r")), j.getLong("i"), j.getLong("a", 0L));
  }

  private static RuntimeException refused(JsonObject err) {
    String message = err.getString("m");
    switch (err.getString("k")) {
      case "catalog": return new CatalogException(message);
      case "kv": return new KvException(message);
      case "acl": return new AclException(message);
      case "txn": {
        List<Txn.Error> errors = new ArrayList<>();
        JsonArray x = err.getJsonArray("x");
        for (int i = 0; i < x.size(); i++) {
          errors.add(new Txn.Error(x.getJsonObject(i).getInteger("op"), x.getJsonObject(i).getString("what")));
        }
        return new Txn.Failed(errors);
      }
      default: return new IllegalStateException("the leader could not apply the write: " + message);
    }
  }
}
