package io.consulate.template;

import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/** Go text/template's predefined functions ({@code and}/{@code or} are short-circuited by the evaluator). */
final class Builtins {
  private Builtins() {}

  static void register(Map<String, TemplateFunction> f) {
    f.put("and", args -> last(args, false));
    f.put("or", args -> last(args, true));
    f.put("not", args -> {
      Args.count(args, 1, 1);
      return !GoValues.truth(args.get(0));
    });
    f.put("len", args -> {
      Args.count(args, 1, 1);
      return (long) GoValues.length(args.get(0));
    });
    f.put("index", Builtins::index);
    f.put("print", args -> sprint(args));
    f.put("println", args -> {
      StringBuilder out = new StringBuilder();
      for (Object a : args) out.append(out.length() > 0 ? " " : "").append(GoValues.format(a));
      return out.append('\n').toString();
    });
    f.put("printf", args -> {
      Args.count(args, 1, Integer.MAX_VALUE);
      return GoFormat.sprintf(Args.string(args, 0), args.subList(1, args.size()));
    });
    f.put("eq", args -> {
      Args.count(args, 2, Integer.MAX_VALUE);
      for (Object other : args.subList(1, args.size())) if (GoValues.equal(args.get(0), other)) return true;
      return false;
    });
    f.put("ne", args -> {
      Args.count(args, 2, 2);
      return !GoValues.equal(args.get(0), args.get(1));
    });
    f.put("lt", args -> compare(args, c -> c < 0));
    f.put("le", args -> compare(args, c -> c <= 0));
    f.put("gt", args -> compare(args, c -> c > 0));
    f.put("ge", args -> compare(args, c -> c >= 0));
  }

  /** Non-lazy fallback: and/or return the first falsy/truthy argument, else the last one. */
  private static Object last(List<Object> args, boolean stopOnTrue) {
    Args.count(args, 1, Integer.MAX_VALUE);
    for (Object a : args) if (GoValues.truth(a) == stopOnTrue) return a;
    return args.get(args.size() - 1);
  }

  private static Object compare(List<Object> args, IntPredicate test) {
    Args.count(args, 2, 2);
    return test.test(GoValues.compare(args.get(0), args.get(1)));
  }

  private static Object index(List<Object> args) {
    Args.count(args, 1, Integer.MAX_VALUE);
    Object v = args.get(0);
    for (Object key : args.subList(1, args.size())) {
      if (v instanceof Map<?, ?> m) {
        v = m.containsKey(key) ? m.get(key) : "";
      } else if (v instanceof List<?> l && (key instanceof Long || key instanceof Integer)) {
        long i = ((Number) key).longValue();
        if (i < 0 || i >= l.size()) throw new IllegalArgumentException("index out of range: " + i);
        v = l.get((int) i);
      } else {
        throw new IllegalArgumentException("can't index item of type " + GoValues.typeName(v));
      }
    }
    return v;
  }

  /** fmt.Sprint: a space between operands when neither side is a string. */
  static String sprint(List<Object> args) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < args.size(); i++) {
      if (i > 0 && !(args.get(i) instanceof String) && !(args.get(i - 1) instanceof String)) out.append(' ');
      out.append(GoValues.format(args.get(i)));
    }
    return out.toString();
  }
}
