package io.consulate.template;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one render may read (fetched data, environment) and what it learns: the dependencies it used and those
 * it still lacks data for. consul-template calls this the brain; a render with missing data is not written.
 */
final class RenderState {
  private final Map<Dependency, Object> data;
  private final Map<String, String> env;
  final Set<Dependency> used = new LinkedHashSet<>();
  final Set<Dependency> missing = new LinkedHashSet<>();

  RenderState(Map<Dependency, Object> data, Map<String, String> env) {
    this.data = data;
    this.env = env;
  }

  /** The fetched value, or null after noting the dependency as missing. */
  Object recall(Dependency d) {
    used.add(d);
    Object value = data.get(d);
    if (value == null) missing.add(d);
    return value;
  }

  void markMissing(Dependency d) {
    missing.add(d);
  }

  String env(String name) {
    return env.getOrDefault(name, "");
  }
}
