package io.consulate.template;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Argument checks for template functions, with Go-like messages ("wrong number of args", "expected string"). */
final class Args {
  private Args() {}

  static void count(List<Object> args, int min, int max) {
    if (args.size() < min || args.size() > max) {
      String want = min == max ? Integer.toString(min) : min + " to " + max;
      throw new IllegalArgumentException("wrong number of args: want " + want + " got " + args.size());
    }
  }

  static String string(List<Object> args, int i) {
    Object v = args.get(i);
    if (v instanceof String s) return s;
    throw new IllegalArgumentException("argument " + (i + 1) + ": expected string; found " + GoValues.format(v));
  }

  static long integer(List<Object> args, int i) {
    Object v = args.get(i);
    if (v instanceof Long || v instanceof Integer) return ((Number) v).longValue();
    throw new IllegalArgumentException("argument " + (i + 1) + ": expected integer; found " + GoValues.format(v));
  }

  /** A list, or a map's values in key order, as Go's range sees them. */
  static List<Object> items(Object v) {
    if (v == null) return List.of();
    if (v instanceof Collection<?> c) return new ArrayList<>(c);
    if (v instanceof Map<?, ?> m) return new ArrayList<>(GoValues.stringKeys(m).values());
    throw new IllegalArgumentException("expected a list; found " + GoValues.typeName(v));
  }

  static List<String> strings(Object v) {
    List<String> out = new ArrayList<>();
    for (Object item : items(v)) {
      if (!(item instanceof String s)) throw new IllegalArgumentException("expected a list of strings; found " + GoValues.format(item));
      out.add(s);
    }
    return out;
  }
}
