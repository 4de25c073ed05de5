package io.consulate.template;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Go's rules for template values: truth, printing ({@code fmt %v}), field access, comparison and length. */
final class GoValues {
  private GoValues() {}

  /** Go's "empty" values are false: nil, false, 0, "", and empty lists and maps. */
  static boolean truth(Object v) {
    if (v == null) return false;
    if (v instanceof Boolean b) return b;
    if (v instanceof Number n) return n.doubleValue() != 0;
    if (v instanceof String s) return !s.isEmpty();
    if (v instanceof Collection<?> c) return !c.isEmpty();
    if (v instanceof Map<?, ?> m) return !m.isEmpty();
    return true;
  }

  /** What {{.}} prints: nil as "<no value>", lists as [a b], maps as map[k:v] in key order, structs as {a b}. */
  static String print(Object v) {
    return v == null ? "<no value>" : format(v);
  }

  static String format(Object v) {
    if (v == null) return "<nil>";
    if (v instanceof String s) return s;
    if (v instanceof Double d) return formatDouble(d);
    if (v instanceof Collection<?> c) return "[" + join(c) + "]";
    if (v instanceof Map<?, ?> m) {
      List<String> parts = new ArrayList<>();
      new TreeMap<>(stringKeys(m)).forEach((k, val) -> parts.add(k + ":" + format(val)));
      return "map[" + String.join(" ", parts) + "]";
    }
    if (v instanceof Struct s) return "{" + join(s.fields().values()) + "}";
    return v.toString();
  }

  private static String join(Collection<?> items) {
    List<String> parts = new ArrayList<>();
    for (Object item : items) parts.add(format(item));
    return String.join(" ", parts);
  }

  /** Go prints float64 in the shortest form: 3 not 3.0, 1e+21 for large values. */
  static String formatDouble(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e21) return Long.toString((long) d);
    String s = Double.toString(d);
    return s.contains("E") ? s.replace("E", "e+").replace("e+-", "e-") : s;
  }

  static Map<String, Object> stringKeys(Map<?, ?> m) {
    Map<String, Object> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  /** .Name on a struct (must exist) or a map (absent is nil); on nil it is Go's nil pointer error. */
  static Object field(Object receiver, String name) {
    if (receiver instanceof Struct s) {
      if (!s.fields().containsKey(name)) throw new IllegalArgumentException("can't evaluate field " + name + " in type " + s.type());
      return s.fields().get(name);
    }
    if (receiver instanceof Map<?, ?> m) return m.get(name);
    if (receiver == null) throw new IllegalArgumentException("nil pointer evaluating ." + name);
    throw new IllegalArgumentException("can't evaluate field " + name + " in type " + typeName(receiver));
  }

  static boolean equal(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) return compare(x, y) == 0;
    if (a != null && b != null && !comparableKinds(a, b)) {
      throw new IllegalArgumentException("incompatible types for comparison: " + typeName(a) + " and " + typeName(b));
    }
    return Objects.equals(a, b);
  }

  static int compare(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      if (x instanceof Double || y instanceof Double) return Double.compare(x.doubleValue(), y.doubleValue());
      return Long.compare(x.longValue(), y.longValue());
    }
    if (a instanceof String x && b instanceof String y) return x.compareTo(y);
    throw new IllegalArgumentException("invalid type for comparison: " + typeName(a) + " and " + typeName(b));
  }

  private static boolean comparableKinds(Object a, Object b) {
    return a.getClass() == b.getClass() || (a instanceof Collection && b instanceof Collection)
        || (a instanceof Map && b instanceof Map);
  }

  static int length(Object v) {
    if (v instanceof String s) return s.length();
    if (v instanceof Collection<?> c) return c.size();
    if (v instanceof Map<?, ?> m) return m.size();
    throw new IllegalArgumentException("len of type " + typeName(v));
  }

  static String typeName(Object v) {
    if (v == null) return "nil";
    if (v instanceof String) return "string";
    if (v instanceof Long || v instanceof Integer) return "int";
    if (v instanceof Double) return "float64";
    if (v instanceof Boolean) return "bool";
    if (v instanceof Collection) return "slice";
    if (v instanceof Map) return "map";
    if (v instanceof Struct s) return s.type();
    return v.getClass().getSimpleName();
  }
}
