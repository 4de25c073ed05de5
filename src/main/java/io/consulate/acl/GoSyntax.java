package io.consulate.acl;

/**
 * Consul quotes an invalid rule with Go's {@code %#v} ({@code Invalid key policy: &acl.KeyRule{Prefix:"foo",
 * Policy:"nope", EnterpriseRule:acl.EnterpriseRule{}}}); clients and scripts that match Consul's messages see the
 * same text from us.
 */
final class GoSyntax {
  private GoSyntax() {}

  static String rule(Resource resource, String name, String policy, String intentions) {
    String intentionsField = resource == Resource.SERVICE ? ", Intentions:" + quote(intentions) : "";
    return "&acl." + resource.goType + "{" + resource.goNameField + ":" + quote(name) + ", Policy:" + quote(policy)
        + intentionsField + resource.goTail + "}";
  }

  /** Go's %#v of a string: double-quoted, with Go's escapes for quotes, backslashes and control characters. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) b.append(String.format("\\x%02x", (int) c));
          else b.append(c);
        }
      }
    }
    return b.append('"').toString();
  }
}
