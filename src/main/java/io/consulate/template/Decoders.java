package io.consulate.template;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns Consul's JSON answers into the values templates see, with consul-template's field names, sorting and
 * conveniences (a service's Address falls back to its node's; tags sorted and deduplicated).
 */
public final class Decoders {
  private Decoders() {}

  /** The template value for a 200 answer. */
  public static Object decode(Dependency d, String body) {
    if (d instanceof Dependency.Service s) return healthServices(s, new JsonArray(body));
    if (d instanceof Dependency.Services) return catalogServices(new JsonObject(body));
    if (d instanceof Dependency.Datacenters) return datacenters(new JsonArray(body));
    if (d instanceof Dependency.Nodes n) return nodes(new JsonArray(body), n.near() == null);
    if (d instanceof Dependency.CatalogNode) return catalogNode(body.isBlank() || body.strip().equals("null") ? null : new JsonObject(body));
    if (d instanceof Dependency.Key) return keyValue(new JsonArray(body));
    return keyPairs(((Dependency.KeyPrefix) d).prefix(), new JsonArray(body));
  }

  /** The template value for Consul's 404 "no such key/prefix" answer (which carries X-Consul-Index). */
  public static Object absent(Dependency d) {
    if (d instanceof Dependency.Key) return Optional.empty();
    if (d instanceof Dependency.KeyPrefix) return List.of();
    throw new IllegalArgumentException("404 for " + d.path());
  }

  private static List<Object> healthServices(Dependency.Service query, JsonArray entries) {
    List<Struct> out = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      JsonObject e = entries.getJsonObject(i);
      JsonObject node = e.getJsonObject("Node", new JsonObject());
      JsonObject svc = e.getJsonObject("Service", new JsonObject());
      JsonArray checks = e.getJsonArray("Checks", new JsonArray());
      String status = aggregatedStatus(checks);
      if (!query.statuses().isEmpty() && !query.statuses().contains("any") && !query.statuses().contains(status)) continue;
      String address = svc.getString("Address", "");
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("Node", node.getString("Node", ""));
      f.put("NodeID", node.getString("ID", ""));
      f.put("Kind", svc.getString("Kind", ""));
      f.put("NodeAddress", node.getString("Address", ""));
      f.put("NodeDatacenter", node.getString("Datacenter", ""));
      f.put("NodeTaggedAddresses", strings(node.getJsonObject("TaggedAddresses")));
      f.put("NodeMeta", strings(node.getJsonObject("Meta")));
      f.put("ServiceMeta", strings(svc.getJsonObject("Meta")));
      f.put("Address", address.isEmpty() ? node.getString("Address", "") : address);
      f.put("ID", svc.getString("ID", ""));
      f.put("Name", svc.getString("Service", ""));
      f.put("Tags", tags(svc.getJsonArray("Tags")));
      f.put("Checks", checkList(checks));
      f.put("Status", status);
      f.put("Port", svc.getLong("Port", 0L));
      JsonObject w = svc.getJsonObject("Weights", new JsonObject());
      f.put("Weights", Struct.of("AgentWeights", "Passing", w.getLong("Passing", 1L), "Warning", w.getLong("Warning", 1L)));
      out.add(new Struct("HealthService", f));
    }
    out.sort(Comparator.comparing((Struct s) -> (String) s.fields().get("Node")).thenComparing(s -> (String) s.fields().get("ID")));
    return List.copyOf(out);
  }

  /** Consul's api.HealthChecks.AggregatedStatus: maintenance wins, then critical, then warning. */
  static String aggregatedStatus(JsonArray checks) {
    boolean critical = false;
    boolean warning = false;
    for (int i = 0; i < checks.size(); i++) {
      JsonObject c = checks.getJsonObject(i);
      String id = c.getString("CheckID", "");
      if (id.equals("_node_maintenance") || id.startsWith("_service_maintenance:")) return "maintenance";
      critical |= "critical".equals(c.getString("Status"));
      warning |= "warning".equals(c.getString("Status"));
    }
    return critical ? "critical" : warning ? "warning" : "passing";
  }

  private static List<Object> checkList(JsonArray checks) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < checks.size(); i++) {
      JsonObject c = checks.getJsonObject(i);
      Map<String, Object> f = new LinkedHashMap<>();
      for (String k : List.of("Node", "CheckID", "Name", "Status", "Notes", "Output", "ServiceID", "ServiceName")) f.put(k, c.getString(k, ""));
      f.put("ServiceTags", tags(c.getJsonArray("ServiceTags")));
      out.add(new Struct("HealthCheck", f));
    }
    return out;
  }

  private static List<Object> datacenters(JsonArray names) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) out.add(names.getString(i));
    out.sort(null);
    return out;
  }

  private static List<Object> catalogServices(JsonObject services) {
    List<Object> out = new ArrayList<>();
    for (String name : new TreeSet<>(services.fieldNames())) {
      out.add(Struct.of("CatalogSnippet", "Name", name, "Tags", tags(services.getJsonArray(name))));
    }
    return out;
  }

  private static List<Object> nodes(JsonArray nodes, boolean sortByName) {
    List<Struct> out = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) out.add(node(nodes.getJsonObject(i)));
    if (sortByName) out.sort(Comparator.comparing((Struct s) -> (String) s.fields().get("Node")));
    return List.copyOf(out);
  }

  private static Struct node(JsonObject n) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("ID", n.getString("ID", ""));
    f.put("Node", n.getString("Node", ""));
    f.put("Address", n.getString("Address", ""));
    f.put("Datacenter", n.getString("Datacenter", ""));
    f.put("TaggedAddresses", strings(n.getJsonObject("TaggedAddresses")));
    f.put("Meta", strings(n.getJsonObject("Meta")));
    return new Struct("Node", f);
  }

  /** {@code node}: empty for an unknown node (Consul answers null), else the node and its services by name. */
  private static Object catalogNode(JsonObject body) {
    if (body == null) return Optional.empty();
    List<Struct> services = new ArrayList<>();
    JsonObject byId = body.getJsonObject("Services", new JsonObject());
    for (String id : byId.fieldNames()) {
      JsonObject s = byId.getJsonObject(id);
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("ID", s.getString("ID", id));
      f.put("Service", s.getString("Service", ""));
      f.put("Tags", tags(s.getJsonArray("Tags")));
      f.put("Meta", strings(s.getJsonObject("Meta")));
      f.put("Port", s.getLong("Port", 0L));
      f.put("Address", s.getString("Address", ""));
      services.add(new Struct("CatalogNodeService", f));
    }
    services.sort(Comparator.comparing((Struct s) -> (String) s.fields().get("Service")).thenComparing(s -> (String) s.fields().get("ID")));
    return Optional.of(Struct.of("CatalogNode", "Node", node(body.getJsonObject("Node", new JsonObject())), "Services", List.copyOf(services)));
  }

  private static Optional<String> keyValue(JsonArray entries) {
    if (entries.isEmpty()) return Optional.empty();
    return Optional.of(value(entries.getJsonObject(0)));
  }

  /** ls/tree entries: Key relative to the prefix (leading "/" trimmed), Path the full key. */
  private static List<Object> keyPairs(String prefix, JsonArray entries) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      JsonObject e = entries.getJsonObject(i);
      String path = e.getString("Key", "");
      String key = (path.startsWith(prefix) ? path.substring(prefix.length()) : path).replaceAll("^/+", "");
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("Path", path);
      f.put("Key", key);
      f.put("Value", value(e));
      for (String k : List.of("CreateIndex", "ModifyIndex", "LockIndex", "Flags")) f.put(k, e.getLong(k, 0L));
      f.put("Session", e.getString("Session", ""));
      out.add(new Struct("KeyPair", f));
    }
    return out;
  }

  private static String value(JsonObject entry) {
    String b64 = entry.getString("Value");
    return b64 == null ? "" : new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
  }

  private static List<String> tags(JsonArray tags) {
    if (tags == null) return List.of();
    TreeSet<String> sorted = new TreeSet<>();
    for (Object t : tags) sorted.add(String.valueOf(t));
    return List.copyOf(sorted);
  }

  private static Map<String, String> strings(JsonObject o) {
    Map<String, String> out = new TreeMap<>();
    if (o != null) o.forEach(e -> out.put(e.getKey(), String.valueOf(e.getValue())));
    return out;
  }
}
