package io.consulate.kv;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stored form of KV entries, tombstones, lock delays and sessions: compact JSON strings under a key prefix
 * naming the kind, which Infinispan replicates and persists without schema registration. Field {@code v}
 * versions the format; fields are only ever added. Also builds the {@link KvState} of all decoded entries.
 */
final class KvCodec {
  static final int VERSION = 1;
  /** In the KV cache. */
  static final String ENTRY = "k/";
  static final String TOMBSTONE = "t/";
  static final String LOCK_DELAY = "d/";
  static final String KV_INDEX = "i/kvs";
  /** The index of the last complete write, stored last. */
  static final String LAST_INDEX = "i/last";
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

  /** Decodes a stored value by the kind its key names; lock delays, renewals and indexes decode to {@link Long}. */
  static Object decode(String key, String value) {
    if (key.startsWith(ENTRY)) return decodeEntry(key.substring(ENTRY.length()), value);
    if (key.startsWith(TOMBSTONE)) return decodeTombstone(value);
    if (key.startsWith(SESSION)) return decodeSession(value);
    if (key.startsWith(LOCK_DELAY) || key.startsWith(RENEWAL) || key.startsWith("i/")) {
      return Long.parseLong(value);
    }
    throw new IllegalArgumentException("unknown key kind");
  }

  /** The state of every decoded entry of both caches. */
  static KvState state(Map<String, Object> decoded) {
    TreeMap<String, KvEntry> entries = new TreeMap<>();
    TreeMap<String, Tombstone> tombstones = new TreeMap<>();
    TreeMap<String, Session> sessions = new TreeMap<>();
    Map<String, Long> renewals = new HashMap<>();
    Map<String, Long> lockDelays = new HashMap<>();
    long kvIndex = 0;
    long sessionIndex = 0;
    long last = 0;
    for (Map.Entry<String, Object> e : decoded.entrySet()) {
      String k = e.getKey();
      Object v = e.getValue();
      if (v instanceof KvEntry entry) entries.put(entry.key(), entry);
      else if (v instanceof Tombstone t) tombstones.put(k.substring(TOMBSTONE.length()), t);
      else if (v instanceof Session s) sessions.put(s.id(), s);
      else if (k.startsWith(RENEWAL)) renewals.put(k.substring(RENEWAL.length()), (Long) v);
      else if (k.startsWith(LOCK_DELAY)) lockDelays.put(k.substring(LOCK_DELAY.length()), (Long) v);
      else if (k.equals(KV_INDEX)) kvIndex = (Long) v;
      else if (k.equals(SESSION_INDEX)) sessionIndex = (Long) v;
      else if (k.equals(LAST_INDEX)) last = (Long) v;
    }
    return new KvState(entries, tombstones, sessions, renewals, lockDelays, kvIndex, sessionIndex, last);
  }

  private static List<String> strings(JsonArray a) {
    List<String> out = new ArrayList<>(a.size());
    for (Object o : a) out.add(String.valueOf(o));
    return out;
  }
}
