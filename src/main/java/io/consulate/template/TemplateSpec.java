package io.consulate.template;

import java.nio.file.Path;

/** One {@code -template "in.ctmpl:out.conf[:command]"}; everything after the second colon is the command. */
public record TemplateSpec(Path source, Path destination, String command) {
  public static TemplateSpec parse(String spec) {
    String[] parts = spec.split(":", 3);
    if (parts.length < 2 || parts[0].isBlank() || parts[1].isBlank()) {
      throw new IllegalArgumentException("-template \"" + spec + "\": expected SOURCE:DESTINATION[:COMMAND]");
    }
    String command = parts.length == 3 && !parts[2].isBlank() ? parts[2] : null;
    return new TemplateSpec(Path.of(parts[0]), Path.of(parts[1]), command);
  }
}
