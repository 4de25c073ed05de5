package io.consulate.kv;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Stored form of KV entries, tombstones, lock delays and sessions: compact JSON strings under a key prefix
 * naming the kind, which Infinispan replicates and persists without schema registration. Field {@code v}
 * versions the format; fields are only ever added.
 */
final class KvCodec {
  static final int VERSION = 1;
  /** In the KV cache. */
  static final String ENTRY = "k/";
  static final String TOMBSTONE = "t/";
  static final String LOCK_DELAY = "d/";
  static final String KV_INDEX = "i/kvs";
  /** In the session cache. */
  static final String SESSION = "s/";
  static final String RENEWAL = "r/";
  static final String SESSION_INDEX = "i/sessions";

  private KvCodec() {}

  static String encode(KvEntry e) {
    return new JsonObject().put("v", VERSION).put("val", Base64.getEncoder().encodeToString(e.value()))
        .put("f", e.flags()).put("ci", e.createIndex()).put("mi", e.modifyIndex()).put("li", e.lockIndex())
        .put("s", e.session()).encode();
  }

  static KvEntry decodeEntry(String key, String value) {
    JsonObject j = new JsonObject(value);
    return new KvEntry(key, Base64.getDecoder().decode(j.getString("val")), j.getLong("f"), j.getLong("ci"),
        j.getLong("mi"), j.getLong("li"), j.getString("s"));
  }

  static String encode(Tombstone t) {
    return new JsonObject().put("v", VERSION).put("i", t.index()).put("t", t.atMillis()).encode();
  }

  static Tombstone decodeTombstone(String value) {
    JsonObject j = new JsonObject(value);
    return new Tombstone(j.getLong("i"), j.getLong("t"));
  }

  static String encode(Session s) {
    return new JsonObject().put("v", VERSION).put("id", s.id()).put("name", s.name()).put("node", s.node())
        .put("ld", s.lockDelayNanos()).put("b", s.behavior().wire()).put("ttl", s.ttl())
        .put("nc", new JsonArray(new ArrayList<>(s.nodeChecks())))
        .put("sc", new JsonArray(new ArrayList<>(s.serviceChecks())))
        .put("ci", s.createIndex()).put("mi", s.modifyIndex()).put("at", s.createdAtMillis()).encode();
  }

  static Session decodeSession(String value) {
    JsonObject j = new JsonObject(value);
    return new Session(j.getString("id"), j.getString("name"), j.getString("node"), j.getLong("ld"),
        Session.Behavior.of(j.getString("b")), j.getString("ttl"), strings(j.getJsonArray("nc")),
        strings(j.getJsonArray("sc")), j.getLong("ci"), j.getLong("mi"), j.getLong("at"));
  }

  private static List<String> strings(JsonArray a) {
    List<String> out = new ArrayList<>(a.size());
    for (Object o : a) out.add(String.valueOf(o));
    return out;
  }
}
