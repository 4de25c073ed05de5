package io.consulate.query;

import io.consulate.catalog.GoDuration;
import io.consulate.json.JsonFieldException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A prepared query's definition in Consul's terms (agent/structs/prepared_query.go): which service, how to filter
 * its instances, where to fail over, the DNS TTL, and for a template how names map onto it. Parsed and checked as
 * Consul's {@code parseQuery} checks it; written back in Consul's JSON shape.
 */
public record QueryDefinition(String name, String session, String token, Template template, Service service,
    String dnsTtl) {

  /** {@code Template}: empty type for a plain query; {@code name_prefix_match} otherwise. */
  public record Template(String type, String regexp, boolean removeEmptyTags) {
    public boolean isTemplate() {
      return !type.isEmpty();
    }
  }

  /** {@code Service}: the service, its filters and failover. */
  public record Service(String service, int nearestN, List<String> datacenters, boolean onlyPassing,
      List<String> ignoreCheckIds, String near, List<String> tags, Map<String, String> nodeMeta,
      Map<String, String> serviceMeta, boolean connect) {
    public Service {
      datacenters = List.copyOf(datacenters);
      ignoreCheckIds = List.copyOf(ignoreCheckIds);
      tags = List.copyOf(tags);
      nodeMeta = Map.copyOf(nodeMeta);
      serviceMeta = Map.copyOf(serviceMeta);
    }

    /** Every string of the service part passed through {@code f} (a template's interpolation); map keys stay. */
    Service mapStrings(UnaryOperator<String> f) {
      return new Service(f.apply(service), nearestN, map(datacenters, f), onlyPassing, map(ignoreCheckIds, f),
          f.apply(near), map(tags, f), mapValues(nodeMeta, f), mapValues(serviceMeta, f), connect);
    }
  }

  /** What Consul shows instead of a query's token to a caller that may not see it. */
  public static final String HIDDEN_TOKEN = "<hidden>";

  /** Reads a definition from a request body; fails with Consul's message on what {@code parseQuery} refuses. */
  public static QueryDefinition parse(JsonObject j) {
    JsonObject t = object(j, "Template");
    JsonObject s = object(j, "Service");
    JsonObject failover = object(s, "Failover");
    JsonObject dns = object(j, "DNS");
    Template template = new Template(string(t, "Type"), string(t, "Regexp"), t.getBoolean("RemoveEmptyTags", false));
    Service service = new Service(string(s, "Service"), failover.getInteger("NearestN", 0),
        strings(failover, "Datacenters"), s.getBoolean("OnlyPassing", false), strings(s, "IgnoreCheckIDs"),
        string(s, "Near"), strings(s, "Tags"), stringMap(s, "NodeMeta"), stringMap(s, "ServiceMeta"),
        s.getBoolean("Connect", false));
    QueryDefinition d = new QueryDefinition(string(j, "Name"), string(j, "Session"), string(j, "Token"), template,
        service, string(dns, "TTL"));
    d.validate(failover);
    return d;
  }

  private void validate(JsonObject failover) {
    if (name.isEmpty() && !template.isTemplate() && session.isEmpty()) {
      throw invalid("Must be bound to a session");
    }
    if (token.equals(HIDDEN_TOKEN)) {
      throw invalid("Bad Token '" + token + "', it looks like a query definition with a redacted token was submitted");
    }
    if (service.service().isEmpty()) throw invalid("Must provide a Service name to query");
    if (service.nearestN() < 0) throw invalid("Bad NearestN '" + service.nearestN() + "', must be >= 0");
    JsonArray targets = failover.getJsonArray("Targets");
    if (targets != null && !targets.isEmpty()) {
      if (service.nearestN() != 0 || !service.datacenters().isEmpty()) {
        throw invalid("Targets cannot be populated with NearestN or Datacenters");
      }
      throw invalid("Failover Targets are not supported by Consulate; use Datacenters");
    }
    if (!dnsTtl.isEmpty()) {
      try {
        if (GoDuration.parse(dnsTtl).isNegative()) throw invalid("Bad DNS TTL '" + dnsTtl + "', must be >=0");
      } catch (IllegalArgumentException e) {
        throw invalid("Bad DNS TTL '" + dnsTtl + "': " + e.getMessage());
      }
    }
    if (template.isTemplate()) QueryTemplate.compile(this); // Consul compiles a template when it is stored
  }

  private static QueryException invalid(String why) {
    return new QueryException("Invalid prepared query: " + why);
  }

  /** The same definition with every string of its service part rendered by {@code f}. */
  QueryDefinition withService(Service rendered) {
    return new QueryDefinition(name, session, token, template, rendered, dnsTtl);
  }

  /** Consul's JSON of the query: its ID and indexes, the token shown or hidden. */
  public JsonObject toJson(String id, long createIndex, long modifyIndex, boolean showToken) {
    JsonObject failover = new JsonObject().put("NearestN", service.nearestN())
        .put("Datacenters", service.datacenters().isEmpty() ? null : new JsonArray(new ArrayList<>(service.datacenters())))
        .putNull("Targets");
    JsonObject s = new JsonObject().put("Service", service.service()).put("SamenessGroup", "").put("Failover", failover)
        .put("OnlyPassing", service.onlyPassing()).put("IgnoreCheckIDs", list(service.ignoreCheckIds()))
        .put("Near", service.near()).put("Tags", list(service.tags()))
        .put("NodeMeta", service.nodeMeta().isEmpty() ? null : new JsonObject(new LinkedHashMap<>(service.nodeMeta())))
        .put("ServiceMeta", service.serviceMeta().isEmpty() ? null : new JsonObject(new LinkedHashMap<>(service.serviceMeta())))
        .put("Connect", service.connect()).put("Peer", "");
    return new JsonObject().put("ID", id).put("Name", name).put("Session", session)
        .put("Token", token.isEmpty() || showToken ? token : HIDDEN_TOKEN)
        .put("Template", new JsonObject().put("Type", template.type()).put("Regexp", template.regexp())
            .put("RemoveEmptyTags", template.removeEmptyTags()))
        .put("Service", s).put("DNS", new JsonObject().put("TTL", dnsTtl))
        .put("CreateIndex", createIndex).put("ModifyIndex", modifyIndex);
  }

  /** The stored form: the definition's JSON without ID and indexes (the store keeps those). */
  public String encode() {
    JsonObject j = toJson("", 0, 0, true);
    j.remove("ID");
    j.remove("CreateIndex");
    j.remove("ModifyIndex");
    return j.encode();
  }

  public static QueryDefinition decode(String stored) {
    return parse(new JsonObject(stored));
  }

  private static JsonArray list(List<String> values) {
    return values.isEmpty() ? null : new JsonArray(new ArrayList<>(values));
  }

  private static JsonObject object(JsonObject j, String key) {
    Object v = j.getValue(key);
    if (v == null) return new JsonObject();
    if (v instanceof JsonObject o) return o;
    throw new JsonFieldException("" + key + ": expected an object");
  }

  private static String string(JsonObject j, String key) {
    Object v = j.getValue(key);
    if (v == null) return "";
    if (v instanceof String s) return s;
    throw new JsonFieldException("" + key + ": expected a string");
  }

  private static List<String> strings(JsonObject j, String key) {
    Object v = j.getValue(key);
    if (v == null) return List.of();
    if (!(v instanceof JsonArray a)) throw new JsonFieldException("" + key + ": expected a list of strings");
    List<String> out = new ArrayList<>();
    for (Object o : a) {
      if (!(o instanceof String s)) throw new JsonFieldException("" + key + ": expected a list of strings");
      out.add(s);
    }
    return out;
  }

  private static Map<String, String> stringMap(JsonObject j, String key) {
    Object v = j.getValue(key);
    if (v == null) return Map.of();
    if (!(v instanceof JsonObject o)) throw new JsonFieldException("" + key + ": expected an object");
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : o) {
      if (!(e.getValue() instanceof String s)) throw new JsonFieldException("" + key + ": values must be strings");
      out.put(e.getKey(), s);
    }
    return out;
  }

  private static List<String> map(List<String> values, UnaryOperator<String> f) {
    List<String> out = new ArrayList<>(values.size());
    for (String v : values) out.add(f.apply(v));
    return out;
  }

  private static Map<String, String> mapValues(Map<String, String> values, UnaryOperator<String> f) {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, f.apply(v)));
    return out;
  }
}
