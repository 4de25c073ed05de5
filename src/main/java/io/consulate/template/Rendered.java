package io.consulate.template;

import java.util.Set;

/** The result of one render: the text, and which dependencies it used and still lacks data for. */
public record Rendered(String text, Set<Dependency> used, Set<Dependency> missing) {
  /** Only a render with all its data is written (consul-template renders nothing until then). */
  public boolean complete() {
    return missing.isEmpty();
  }
}
