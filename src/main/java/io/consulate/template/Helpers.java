package io.consulate.template;

import io.vertx.core.json.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * consul-template's helper functions that real templates use. Argument order follows consul-template so that
 * pipes read as documented: {@code .Tags | join ","} is {@code join "," .Tags}, {@code .Tags | contains "x"}
 * is {@code contains "x" .Tags}, while {@code in .Tags "x"} takes the list first.
 */
final class Helpers {
  private Helpers() {}

  static void register(Map<String, TemplateFunction> f, UnaryOperator<String> env) {
    f.put("env", args -> env.apply(one(args)));
    f.put("contains", args -> {
      Args.count(args, 2, 2);
      return in(args.get(1), args.get(0));
    });
    f.put("in", args -> {
      Args.count(args, 2, 2);
      return in(args.get(0), args.get(1));
    });
    f.put("containsAny", args -> {
      Args.count(args, 2, 2);
      for (Object needle : Args.items(args.get(0))) if (in(args.get(1), needle)) return true;
      return false;
    });
    f.put("containsAll", args -> {
      Args.count(args, 2, 2);
      for (Object needle : Args.items(args.get(0))) if (!in(args.get(1), needle)) return false;
      return true;
    });
    f.put("join", args -> {
      Args.count(args, 2, 2);
      return String.join(Args.string(args, 0), Args.strings(args.get(1)));
    });
    f.put("split", args -> {
      Args.count(args, 2, 2);
      String s = Args.string(args, 1);
      return s.isEmpty() ? List.of() : List.of(s.split(java.util.regex.Pattern.quote(Args.string(args, 0)), -1));
    });
    f.put("replaceAll", args -> {
      Args.count(args, 3, 3);
      return Args.string(args, 2).replace(Args.string(args, 0), Args.string(args, 1));
    });
    f.put("trimSpace", args -> one(args).strip());
    f.put("toLower", args -> one(args).toLowerCase(Locale.ROOT));
    f.put("toUpper", args -> one(args).toUpperCase(Locale.ROOT));
    f.put("toJSON", Helpers::json);
    f.put("parseInt", args -> {
      try {
        return Long.parseLong(one(args).strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("parseInt: invalid syntax: \"" + args.get(0) + "\"");
      }
    });
    f.put("parseBool", args -> switch (one(args).strip()) {
      case "1", "t", "T", "true", "TRUE", "True" -> true;
      case "0", "f", "F", "false", "FALSE", "False", "" -> false;
      default -> throw new IllegalArgumentException("parseBool: invalid syntax: \"" + args.get(0) + "\"");
    });
    f.put("byTag", args -> {
      Args.count(args, 1, 1);
      Map<String, List<Object>> groups = new TreeMap<>();
      for (Object service : Args.items(args.get(0))) {
        for (String tag : Args.strings(GoValues.field(service, "Tags"))) groups.computeIfAbsent(tag, t -> new ArrayList<>()).add(service);
      }
      return groups;
    });
  }

  /** A needle in a list (equal element), a map (key) or a string (substring). */
  private static boolean in(Object haystack, Object needle) {
    if (haystack instanceof String s) return needle instanceof String n && s.contains(n);
    if (haystack instanceof Map<?, ?> m) return m.containsKey(needle);
    if (haystack instanceof Collection<?> c) {
      for (Object item : c) if (GoValues.equal(item, needle)) return true;
      return false;
    }
    if (haystack == null) return false;
    throw new IllegalArgumentException("cannot look for an element in type " + GoValues.typeName(haystack));
  }

  private static String one(List<Object> args) {
    Args.count(args, 1, 1);
    return Args.string(args, 0);
  }

  /** Go's json.Marshal: structs in field order, maps by key, and &lt; &gt; &amp; escaped for HTML safety. */
  private static String json(List<Object> args) {
    Args.count(args, 1, 1);
    return Json.encode(plain(args.get(0))).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
  }

  private static Object plain(Object v) {
    if (v instanceof Struct s) return plainMap(s.fields(), false);
    if (v instanceof Map<?, ?> m) return plainMap(m, true);
    if (v instanceof Collection<?> c) {
      List<Object> out = new ArrayList<>();
      for (Object item : c) out.add(plain(item));
      return out;
    }
    return v;
  }

  private static Map<String, Object> plainMap(Map<?, ?> m, boolean sorted) {
    Map<String, Object> out = sorted ? new TreeMap<>() : new java.util.LinkedHashMap<>();
    m.forEach((k, val) -> out.put(String.valueOf(k), plain(val)));
    return out;
  }
}
