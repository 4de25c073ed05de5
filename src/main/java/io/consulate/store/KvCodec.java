package io.consulate.store;

import io.consulate.kv.KvEntry;
import io.consulate.kv.KvState;
import io.consulate.kv.PreparedQuery;
import io.consulate.kv.Session;
import io.consulate.kv.Tombstone;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replicated form of KV entries, tombstones, lock delays and sessions (in commands and in the log's snapshots):
 * compact JSON strings under a key prefix naming the kind. Field {@code v} versions the format; fields are only
 * ever added. Also turns a whole {@link KvState} into such entries and back.
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
  /** Prepared queries, with the sessions (a query bound to a session ends with it). */
  static final String QUERY = "q/";
  static final String QUERY_INDEX = "i/queries";

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

  static String encode(PreparedQuery q) {
    return new JsonObject().put("v", VERSION).put("id", q.id()).put("name", q.name()).put("session", q.session())
        .put("tpl", q.templated()).put("def", q.definition()).put("ci", q.createIndex()).put("mi", q.modifyIndex())
        .encode();
  }

  static PreparedQuery decodeQuery(String value) {
    JsonObject j = new JsonObject(value);
    return new PreparedQuery(j.getString("id"), j.getString("name"), j.getString("session"), j.getBoolean("tpl"),
        j.getString("def"), j.getLong("ci"), j.getLong("mi"));
  }

  /** Every entry of the state, in stored form. */
  static Map<String, String> stored(KvState state) {
    Map<String, String> out = new HashMap<>();
    for (KvEntry e : state.list("")) out.put(ENTRY + e.key(), encode(e));
    state.tombstones().forEach((k, t) -> out.put(TOMBSTONE + k, encode(t)));
    for (Session s : state.sessions()) out.put(SESSION + s.id(), encode(s));
    state.renewals().forEach((id, at) -> out.put(RENEWAL + id, Long.toString(at)));
    state.lockDelays().forEach((k, until) -> out.put(LOCK_DELAY + k, Long.toString(until)));
    for (PreparedQuery q : state.queries()) out.put(QUERY + q.id(), encode(q));
    if (state.queryIndex() > 0) out.put(QUERY_INDEX, Long.toString(state.queryIndex()));
    out.put(KV_INDEX, Long.toString(state.kvIndex()));
    out.put(SESSION_INDEX, Long.toString(state.sessionIndex()));
    out.put(LAST_INDEX, Long.toString(state.index()));
    return out;
  }

  /** What a stored key holds, as a snapshot's inspection counts it: "KV entries", "Sessions", or null. */
  static String kindOf(String storedKey) {
    if (storedKey.startsWith(ENTRY)) return "KV entries";
    if (storedKey.startsWith(QUERY)) return "Prepared queries";
    return storedKey.startsWith(SESSION) ? "Sessions" : null;
  }

  /** The state of every stored entry. */
  static KvState state(Map<String, String> stored) {
    TreeMap<String, KvEntry> entries = new TreeMap<>();
    TreeMap<String, Tombstone> tombstones = new TreeMap<>();
    TreeMap<String, Session> sessions = new TreeMap<>();
    Map<String, Long> renewals = new HashMap<>();
    Map<String, Long> lockDelays = new HashMap<>();
    TreeMap<String, PreparedQuery> queries = new TreeMap<>();
    long queryIndex = 0;
    long kvIndex = 0;
    long sessionIndex = 0;
    long last = 0;
    for (Map.Entry<String, String> e : stored.entrySet()) {
      String k = e.getKey();
      String v = e.getValue();
      if (k.startsWith(ENTRY)) entries.put(k.substring(ENTRY.length()), decodeEntry(k.substring(ENTRY.length()), v));
      else if (k.startsWith(TOMBSTONE)) tombstones.put(k.substring(TOMBSTONE.length()), decodeTombstone(v));
      else if (k.startsWith(SESSION)) sessions.put(k.substring(SESSION.length()), decodeSession(v));
      else if (k.startsWith(RENEWAL)) renewals.put(k.substring(RENEWAL.length()), Long.parseLong(v));
      else if (k.startsWith(LOCK_DELAY)) lockDelays.put(k.substring(LOCK_DELAY.length()), Long.parseLong(v));
      else if (k.startsWith(QUERY)) queries.put(k.substring(QUERY.length()), decodeQuery(v));
      else if (k.equals(QUERY_INDEX)) queryIndex = Long.parseLong(v);
      else if (k.equals(KV_INDEX)) kvIndex = Long.parseLong(v);
      else if (k.equals(SESSION_INDEX)) sessionIndex = Long.parseLong(v);
      else if (k.equals(LAST_INDEX)) last = Long.parseLong(v);
    }
    return new KvState(entries, tombstones, sessions, renewals, lockDelays, queries, kvIndex, sessionIndex, queryIndex,
        last);
  }

  private static List<String> strings(JsonArray a) {
    List<String> out = new ArrayList<>(a.size());
    for (Object o : a) out.add(String.valueOf(o));
    return out;
  }
}
