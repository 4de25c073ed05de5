package io.consulate.template;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The function table of one render: Go's builtins, consul-template's helpers and its API functions. */
final class Functions {
  /** The names the parser accepts; a template calling anything else fails to parse, as in Go. */
  static final Set<String> NAMES = Set.copyOf(forRender(new RenderState(Map.of(), Map.of())).keySet());

  private Functions() {}

  static Map<String, TemplateFunction> forRender(RenderState state) {
    Map<String, TemplateFunction> f = new HashMap<>();
    Builtins.register(f);
    Helpers.register(f, state::env);
    ConsulFunctions.register(f, state);
    return f;
  }
}
