package io.consulate.json;

import io.consulate.catalog.GoDuration;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Typed, forgiving-on-names, strict-on-types access to one JSON object. Names are given in Consul's
 * PascalCase and also match any casing and snake_case spelling; several names may be given for aliases
 * ({@code "Args", "ScriptArgs"}). A present value of the wrong type is an error naming the field; an absent
 * or null one yields the default.
 */
public final class Fields {
  private final JsonObject json;
  private final String path;
  private final Map<String, String> keysByNormalName = new HashMap<>();

  public Fields(JsonObject json, String path) {
    this.json = json;
    this.path = path;
    for (String key : json.fieldNames()) keysByNormalName.putIfAbsent(normal(key), key);
  }

  public static Fields of(JsonObject json) {
    return new Fields(json, "");
  }

  /** Parses a document that must be a JSON object. */
  public static Fields parse(String text) {
    Object value;
    try {
      value = io.vertx.core.json.Json.decodeValue(text);
    } catch (RuntimeException e) {
      throw new JsonFieldException("invalid JSON: " + firstLine(e.getMessage()));
    }
    if (!(value instanceof JsonObject o)) throw new JsonFieldException("expected a JSON object");
    return of(o);
  }

  public JsonObject json() {
    return json;
  }

  public boolean has(String... names) {
    return raw(names) != null;
  }

  /** The field names present that none of {@code known} matches: for unknown-key warnings. */
  public List<String> unknown(List<String> known) {
    List<String> out = new ArrayList<>();
    for (String key : json.fieldNames()) {
      if (known.stream().noneMatch(k -> normal(k).equals(normal(key)))) out.add(key);
    }
    return out;
  }

  public String string(String def, String... names) {
    Object v = raw(names);
    if (v == null) return def;
    if (v instanceof String s) return s;
    throw typeError(names, "a string", v);
  }

  public int integer(int def, String... names) {
    Object v = raw(names);
    if (v == null) return def;
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
        && n.longValue() >= Integer.MIN_VALUE && n.longValue() <= Integer.MAX_VALUE) {
      return n.intValue();
    }
    throw typeError(names, "an integer", v);
  }

  /** A whole number that may exceed an int (an index). */
  public long longValue(long def, String... names) {
    Object v = raw(names);
    if (v == null) return def;
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return n.longValue();
    throw typeError(names, "an integer", v);
  }

  public boolean bool(boolean def, String... names) {
    Object v = raw(names);
    if (v == null) return def;
    if (v instanceof Boolean b) return b;
    throw typeError(names, "true or false", v);
  }

  /** A Go duration given as a string ("10s"); numbers are taken as nanoseconds, as Go's JSON decoder does. */
  public String duration(String def, String... names) {
    Object v = raw(names);
    if (v == null) return def;
    if (v instanceof Number n) return n.longValue() + "ns";
    if (v instanceof String s) {
      try {
        GoDuration.parse(s);
        return s;
      } catch (IllegalArgumentException e) {
        throw new JsonFieldException(name(names) + ": " + e.getMessage());
      }
    }
    throw typeError(names, "a duration such as \"10s\"", v);
  }

  public List<String> strings(String... names) {
    Object v = raw(names);
    if (v == null) return List.of();
    if (!(v instanceof JsonArray a)) throw typeError(names, "a list of strings", v);
    List<String> out = new ArrayList<>(a.size());
    for (Object o : a) {
      if (!(o instanceof String s)) throw typeError(names, "a list of strings", v);
      out.add(s);
    }
    return out;
  }

  /** A string-to-string map such as {@code Meta}; its keys are user data and are kept exactly. */
  public Map<String, String> stringMap(String... names) {
    Object v = raw(names);
    if (v == null) return Map.of();
    if (!(v instanceof JsonObject o)) throw typeError(names, "an object of strings", v);
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : o) {
      if (!(e.getValue() instanceof String s)) throw typeError(names, "an object of strings", v);
      out.put(e.getKey(), s);
    }
    return out;
  }

  public Fields object(String... names) {
    Object v = raw(names);
    if (v == null) return null;
    if (!(v instanceof JsonObject o)) throw typeError(names, "an object", v);
    return new Fields(o, qualified(names));
  }

  /** A list of objects; a single object is accepted as a list of one (Consul's {@code service} vs {@code services}). */
  public List<Fields> objects(String... names) {
    Object v = raw(names);
    if (v == null) return List.of();
    if (v instanceof JsonObject o) return List.of(new Fields(o, qualified(names)));
    if (!(v instanceof JsonArray a)) throw typeError(names, "a list of objects", v);
    List<Fields> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      if (!(a.getValue(i) instanceof JsonObject o)) throw typeError(names, "a list of objects", v);
      out.add(new Fields(o, qualified(names) + "[" + i + "]"));
    }
    return out;
  }

  public Object raw(String... names) {
    for (String n : names) {
      String key = keysByNormalName.get(normal(n));
      if (key != null && json.getValue(key) != null) return json.getValue(key);
    }
    return null;
  }

  private JsonFieldException typeError(String[] names, String expected, Object got) {
    String shown = got instanceof String ? "\"" + got + "\"" : String.valueOf(got);
    if (shown.length() > 60) shown = shown.substring(0, 57) + "...";
    return new JsonFieldException(qualified(names) + ": expected " + expected + ", got " + shown);
  }

  private String qualified(String[] names) {
    return path.isEmpty() ? name(names) : path + "." + name(names);
  }

  private static String name(String[] names) {
    return names[0];
  }

  static String normal(String key) {
    return key.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
  }

  private static String firstLine(String s) {
    if (s == null) return "malformed";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
