package io.consulate.agent;

import io.consulate.json.Fields;
import io.consulate.json.Hcl;
import io.consulate.json.HclSyntaxException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Set;

/**
 * The two formats of Consul's config files. Both read into the same JsonObject, which {@link ConfigLoader} maps
 * once: an HCL file and its JSON equivalent give the same configuration.
 */
enum ConfigFormat {
  JSON, HCL;

  /** Consul's config keys that always hold a list of objects (agent/config's PatchSliceOfMaps list, those read here). */
  private static final Set<String> LIST_KEYS = Set.of("services", "checks", "service.checks", "services.checks");

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
    if (this == JSON) return Fields.parse(text).json();
    try {
      return Hcl.parse(text, LIST_KEYS);
    } catch (HclSyntaxException e) {
      throw new ConfigException("Error parsing " + source + ": " + e.getMessage());
    }
  }
}
