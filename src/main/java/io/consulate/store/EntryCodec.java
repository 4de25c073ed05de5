package io.consulate.store;

import io.consulate.catalog.CheckDefinition;
import io.consulate.catalog.EntryKeys;
import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.HealthStatus;
import io.consulate.catalog.Node;
import io.consulate.catalog.ServiceInstance;
import io.consulate.catalog.Weights;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The replicated form of catalog entries (in commands and in the log's snapshots): compact JSON. Field {@code v} versions the format; fields are only ever added,
 * and a reader ignores fields it does not know (Consul's rule for replicated messages).
 */
public final class EntryCodec {
  static final int VERSION = 1;

  private EntryCodec() {}

  public static String encode(Object entry) {
    return toJson(entry).encode();
  }

  static JsonObject toJson(Object entry) {
    if (entry instanceof Node n) return encodeNode(n);
    if (entry instanceof ServiceInstance s) return encodeService(s);
    if (entry instanceof HealthCheck c) return encodeCheck(c);
    throw new IllegalArgumentException("not a catalog entry: " + entry);
  }

  /**
   * Adds an instance's catalog entries (its node, itself, every check of its node) to {@code entries}, by key: what
   * another agent needs to answer for it as this one would ({@link #snapshotOf}).
   */
  public static void putEntries(JsonObject entries, io.consulate.catalog.ServiceHealth h) {
    entries.put(EntryKeys.node(h.node().name()), encode(h.node()));
    entries.put(EntryKeys.service(h.service().node(), h.service().id()), encode(h.service()));
    for (HealthCheck c : h.checks()) entries.put(EntryKeys.check(c.node(), c.checkId()), encode(c));
  }

  /** A catalog snapshot of entries sent by {@link #putEntries} (or any encoded entries, by key). */
  public static io.consulate.catalog.CatalogSnapshot snapshotOf(JsonObject entries) {
    java.util.NavigableMap<String, Object> decoded = new java.util.TreeMap<>();
    for (Map.Entry<String, Object> e : entries) decoded.put(e.getKey(), decode(e.getKey(), (String) e.getValue()));
    return io.consulate.catalog.CatalogSnapshot.EMPTY.update(decoded, decoded.keySet());
  }

  /** Decodes a stored value by the kind its key names; index entries decode to {@link Long}. */
  public static Object decode(String key, String value) {
    if (key.startsWith(EntryKeys.INDEX_PREFIX)) return Long.parseLong(value);
    JsonObject j = new JsonObject(value);
    if (key.startsWith(EntryKeys.NODE_PREFIX)) return decodeNode(j);
    if (key.startsWith(EntryKeys.SERVICE_PREFIX)) return decodeService(j);
    if (key.startsWith(EntryKeys.CHECK_PREFIX)) return decodeCheck(j);
    throw new IllegalArgumentException("unknown entry key: " + key);
  }

  private static JsonObject encodeNode(Node n) {
    return new JsonObject().put("v", VERSION).put("name", n.name()).put("id", n.id()).put("address", n.address())
        .put("dc", n.datacenter()).put("tagged", new JsonObject(new LinkedHashMap<>(n.taggedAddresses())))
        .put("meta", new JsonObject(new LinkedHashMap<>(n.meta())))
        .put("ci", n.createIndex()).put("mi", n.modifyIndex());
  }

  static Node decodeNode(JsonObject j) {
    return new Node(j.getString("name"), j.getString("id"), j.getString("address"), j.getString("dc"),
        strings(j.getJsonObject("tagged")), strings(j.getJsonObject("meta")), j.getLong("ci"), j.getLong("mi"));
  }

  private static JsonObject encodeService(ServiceInstance s) {
    return new JsonObject().put("v", VERSION).put("node", s.node()).put("id", s.id()).put("name", s.name())
        .put("tags", new JsonArray(new ArrayList<>(s.tags()))).put("address", s.address()).put("port", s.port())
        .put("meta", new JsonObject(new LinkedHashMap<>(s.meta())))
        .put("wp", s.weights().passing()).put("ww", s.weights().warning()).put("eto", s.enableTagOverride())
        .put("ci", s.createIndex()).put("mi", s.modifyIndex());
  }

  static ServiceInstance decodeService(JsonObject j) {
    return new ServiceInstance(j.getString("node"), j.getString("id"), j.getString("name"), list(j.getJsonArray("tags")),
        j.getString("address"), j.getInteger("port"), strings(j.getJsonObject("meta")),
        new Weights(j.getInteger("wp"), j.getInteger("ww")), j.getBoolean("eto"), j.getLong("ci"), j.getLong("mi"));
  }

  private static JsonObject encodeCheck(HealthCheck c) {
    CheckDefinition d = c.definition();
    JsonObject header = new JsonObject();
    d.header().forEach((k, v) -> header.put(k, new JsonArray(new ArrayList<>(v))));
    JsonObject def = new JsonObject().put("http", d.http()).put("method", d.method()).put("header", header)
        .put("body", d.body()).put("tlsSkipVerify", d.tlsSkipVerify()).put("tcp", d.tcp()).put("udp", d.udp())
        .put("grpc", d.grpc()).put("grpcUseTls", d.grpcUseTls()).put("args", new JsonArray(new ArrayList<>(d.args())))
        .put("ttl", d.ttl()).put("aliasNode", d.aliasNode()).put("aliasService", d.aliasService())
        .put("interval", d.interval()).put("timeout", d.timeout()).put("dcsa", d.deregisterCriticalServiceAfter())
        .put("sbp", d.successBeforePassing()).put("fbw", d.failuresBeforeWarning()).put("fbc", d.failuresBeforeCritical());
    return new JsonObject().put("v", VERSION).put("node", c.node()).put("id", c.checkId()).put("name", c.name())
        .put("status", c.status().wire()).put("notes", c.notes()).put("output", c.output())
        .put("serviceId", c.serviceId()).put("serviceName", c.serviceName())
        .put("serviceTags", new JsonArray(new ArrayList<>(c.serviceTags()))).put("type", c.type()).put("def", def)
        .put("ci", c.createIndex()).put("mi", c.modifyIndex());
  }

  static HealthCheck decodeCheck(JsonObject j) {
    JsonObject d = j.getJsonObject("def");
    Map<String, List<String>> header = new LinkedHashMap<>();
    d.getJsonObject("header").forEach(e -> header.put(e.getKey(), list((JsonArray) e.getValue())));
    CheckDefinition def = new CheckDefinition(d.getString("http"), d.getString("method"), header, d.getString("body"),
        d.getBoolean("tlsSkipVerify"), d.getString("tcp"), d.getString("udp"), d.getString("grpc"),
        d.getBoolean("grpcUseTls"), list(d.getJsonArray("args")), d.getString("ttl"), d.getString("aliasNode"),
        d.getString("aliasService"), d.getString("interval"), d.getString("timeout"), d.getString("dcsa"),
        d.getInteger("sbp", 0), d.getInteger("fbw", 0), d.getInteger("fbc", 0));
    return new HealthCheck(j.getString("node"), j.getString("id"), j.getString("name"),
        HealthStatus.of(j.getString("status")), j.getString("notes"), j.getString("output"), j.getString("serviceId"),
        j.getString("serviceName"), list(j.getJsonArray("serviceTags")), j.getString("type"), def,
        j.getLong("ci"), j.getLong("mi"));
  }

  private static Map<String, String> strings(JsonObject j) {
    Map<String, String> m = new LinkedHashMap<>();
    j.forEach(e -> m.put(e.getKey(), String.valueOf(e.getValue())));
    return m;
  }

  private static List<String> list(JsonArray a) {
    List<String> out = new ArrayList<>(a.size());
    for (Object o : a) out.add(String.valueOf(o));
    return out;
  }
}
