package io.consulate.store;

import io.consulate.kv.Session;
import io.consulate.kv.SessionOps;
import io.vertx.core.json.JsonObject;

/** Session writes: create (by Consul's rules), destroy (releasing or deleting its keys), renew (restart its TTL). */
public sealed interface SessionCommand<R> extends Command<R> {
  /** {@code session} carries the id its node chose; answers the stored session. */
  record Create(Session session, long nowMillis) implements SessionCommand<Session> {
    public Session apply(Mutation m) {
      return SessionOps.create(m.kv(), session, m.catalog());
    }

    public JsonObject toJson() {
      return new JsonObject().put("create", new JsonObject(KvCodec.encode(session))).put("now", nowMillis);
    }

    public Object encodeResult(Session result) {
      return new JsonObject(KvCodec.encode(result));
    }

    public Session decodeResult(Object encoded) {
      return KvCodec.decodeSession(((JsonObject) encoded).encode());
    }
  }

  record Destroy(String id, long nowMillis) implements SessionCommand<Void> {
    public Void apply(Mutation m) {
      SessionOps.destroy(m.kv(), id);
      return null;
    }

    public JsonObject toJson() {
      return new JsonObject().put("destroy", id).put("now", nowMillis);
    }

    public Object encodeResult(Void result) {
      return null;
    }

    public Void decodeResult(Object encoded) {
      return null;
    }
  }

  /** Answers the session, or null when it does not exist. */
  record Renew(String id, long nowMillis) implements SessionCommand<Session> {
    public Session apply(Mutation m) {
      Session s = m.kv().session(id);
      if (s != null) m.kv().renew(id);
      return s;
    }

    public JsonObject toJson() {
      return new JsonObject().put("renew", id).put("now", nowMillis);
    }

    public Object encodeResult(Session result) {
      return result == null ? null : new JsonObject(KvCodec.encode(result));
    }

    public Session decodeResult(Object encoded) {
      return encoded == null ? null : KvCodec.decodeSession(((JsonObject) encoded).encode());
    }
  }

  static SessionCommand<?> fromJson(JsonObject j) {
    long now = j.getLong("now");
    if (j.containsKey("create")) return new Create(KvCodec.decodeSession(j.getJsonObject("create").encode()), now);
    if (j.containsKey("destroy")) return new Destroy(j.getString("destroy"), now);
    if (j.containsKey("renew")) return new Renew(j.getString("renew"), now);
    throw new IllegalArgumentException("unknown session command " + j.fieldNames());
  }
}
