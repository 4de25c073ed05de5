package io.consulate.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * consul-template's API functions over already-fetched data. Each records the dependency it reads; before the
 * data has arrived it answers empty (or the default), so the first pass of a template discovers what to watch.
 */
final class ConsulFunctions {
  private ConsulFunctions() {}

  static void register(Map<String, TemplateFunction> f, RenderState state) {
    f.put("service", args -> {
      Args.count(args, 1, 2);
      if (Args.string(args, 0).isEmpty()) return List.of();
      return list(state, Dependency.Service.parse(String.join("|", strings(args))));
    });
    f.put("services", args -> list(state, Dependency.Services.parse(spec(args))));
    f.put("nodes", args -> list(state, Dependency.Nodes.parse(spec(args))));
    f.put("datacenters", args -> {
      Args.count(args, 0, 1);
      // consul-template's "datacenters true" asks every datacenter and drops those that fail: not done here.
      if (!args.isEmpty() && Boolean.TRUE.equals(args.get(0))) {
        throw new IllegalArgumentException("ignore_failing (datacenters true) is not supported by Consulate");
      }
      return list(state, new Dependency.Datacenters());
    });
    f.put("node", args -> {
      Optional<?> node = (Optional<?>) state.recall(Dependency.CatalogNode.parse(spec(args)));
      return node == null ? null : node.orElse(null);
    });
    f.put("key", args -> {
      Args.count(args, 1, 1);
      Dependency.Key d = Dependency.Key.parse(Args.string(args, 0));
      Optional<?> value = (Optional<?>) state.recall(d);
      // A key that does not exist holds the template back until it does, as consul-template's key does.
      if (value != null && value.isEmpty()) state.markMissing(d);
      return value != null && value.isPresent() ? value.get() : "";
    });
    f.put("keyOrDefault", args -> {
      Args.count(args, 2, 2);
      Optional<?> value = (Optional<?>) state.recall(Dependency.Key.parse(Args.string(args, 0)));
      String fallback = Args.string(args, 1);
      return value == null || value.isEmpty() || value.get().equals("") ? fallback : value.get();
    });
    f.put("keyExists", args -> {
      Args.count(args, 1, 1);
      Optional<?> value = (Optional<?>) state.recall(Dependency.Key.parse(Args.string(args, 0)));
      return value != null && value.isPresent();
    });
    f.put("ls", args -> pairs(state, args, key -> !key.isEmpty() && !key.contains("/")));
    f.put("tree", args -> pairs(state, args, key -> !key.isEmpty() && !key.endsWith("/")));
  }

  private static List<?> list(RenderState state, Dependency d) {
    Object value = state.recall(d);
    return value == null ? List.of() : (List<?>) value;
  }

  /** ls keeps the direct children, tree every entry that is not a folder marker ("dir/"). */
  private static List<Object> pairs(RenderState state, List<Object> args, Predicate<String> keep) {
    Args.count(args, 1, 1);
    List<Object> out = new ArrayList<>();
    for (Object pair : list(state, Dependency.KeyPrefix.parse(Args.string(args, 0)))) {
      if (keep.test((String) ((Struct) pair).fields().get("Key"))) out.add(pair);
    }
    return out;
  }

  /** The optional single "@dc"-style argument of services, nodes and node. */
  private static String spec(List<Object> args) {
    Args.count(args, 0, 1);
    return args.isEmpty() ? "" : Args.string(args, 0);
  }

  private static List<String> strings(List<Object> args) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) out.add(Args.string(args, i));
    return out;
  }
}
