package io.consulate.template;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed consul-template template. Rendering is a pure function of the template, the fetched data and the
 * environment: it does no I/O, so the runner decides when to fetch, and tests need no agent.
 */
public final class Template {
  private final String name;
  private final List<Node> nodes;

  private Template(String name, List<Node> nodes) {
    this.name = name;
    this.nodes = nodes;
  }

  /** Parses {@code text}; errors name {@code name} (the file) and the line. */
  public static Template parse(String name, String text) {
    try {
      return new Template(name, Parser.parse(text, Functions.NAMES));
    } catch (TemplateException e) {
      throw e.in(name);
    }
  }

  public String name() {
    return name;
  }

  /** Renders with {@code data} (values as {@link Decoders} builds them); execution errors carry file and line. */
  public Rendered render(Map<Dependency, Object> data, Map<String, String> env) {
    RenderState state = new RenderState(data, env);
    StringBuilder out = new StringBuilder();
    try {
      new Evaluator(Functions.forRender(state), out).run(nodes);
    } catch (TemplateException e) {
      throw e.in(name);
    }
    return new Rendered(out.toString(), Set.copyOf(state.used), Set.copyOf(state.missing));
  }
}
