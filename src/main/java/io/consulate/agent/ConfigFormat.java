package io.consulate.agent;

import io.consulate.json.Fields;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/**
 * The two formats of Consul's config files. Both read into the same JsonObject, which {@link ConfigLoader} maps
 * once: an HCL file and its JSON equivalent give the same configuration.
 */
enum ConfigFormat {
  JSON, HCL;

  /** {@code -config-format}'s value (Consul's check and words); null when it is not given. */
  static ConfigFormat ofFlag(String value) {
    if (value == null || value.isEmpty()) return null;
    return switch (value) {
      case "json" -> JSON;
      case "hcl" -> HCL;
      default -> throw new ConfigException("-config-format must be either 'hcl' or 'json'");
    };
  }

  /** The format a file's extension names, or null for any other extension. */
  static ConfigFormat ofExtension(Path file) {
    String name = file.getFileName().toString();
    if (name.endsWith(".json")) return JSON;
    if (name.endsWith(".hcl")) return HCL;
    return null;
  }

  /**
   * The document as a JSON object. A JSON syntax error is a {@link io.consulate.json.JsonFieldException} (the
   * caller names the source); an HCL one is a {@link ConfigException} that already names it, with the position.
   */
  JsonObject parse(String text, String source) {
    return this == JSON ? Fields.parse(text).json() : HclDocument.parse(text, source);
  }
}
