package io.consulate.catalog;

import java.util.Map;
import java.util.regex.Pattern;

/** Consul's rules for a node's metadata (structs.ValidateNodeMetadata), with its messages. */
public final class NodeMetadata {
  static final int MAX_PAIRS = 64;
  static final int MAX_KEY_LENGTH = 128;
  static final int MAX_VALUE_LENGTH = 512;
  /** Keys under this prefix are Consul's own, such as {@code consul-network-segment}. */
  public static final String RESERVED_PREFIX = "consul-";
  private static final Pattern KEY = Pattern.compile("[a-zA-Z0-9_-]+");

  private NodeMetadata() {}

  /** Throws IllegalArgumentException with Consul's message for the first rule {@code meta} breaks. */
  public static void validate(Map<String, String> meta) {
    if (meta.size() > MAX_PAIRS) {
      throw new IllegalArgumentException("Node metadata cannot contain more than " + MAX_PAIRS + " key/value pairs");
    }
    for (Map.Entry<String, String> e : meta.entrySet()) {
      String problem = problem(e.getKey(), e.getValue());
      if (problem != null) {
        throw new IllegalArgumentException(
            "Couldn't load metadata pair ('" + e.getKey() + "', '" + e.getValue() + "'): " + problem);
      }
    }
  }

  private static String problem(String key, String value) {
    if (key.isEmpty()) return "Key cannot be blank";
    if (!KEY.matcher(key).matches()) return "Key contains invalid characters";
    if (key.length() > MAX_KEY_LENGTH) return "Key is too long (limit: " + MAX_KEY_LENGTH + " characters)";
    if (key.startsWith(RESERVED_PREFIX)) return "Key prefix '" + RESERVED_PREFIX + "' is reserved for internal use";
    if (value.length() > MAX_VALUE_LENGTH) return "Value is too long (limit: " + MAX_VALUE_LENGTH + " characters)";
    return null;
  }
}
