package io.consulate.template;

/** Go's backslash escapes inside double-quoted template strings. */
final class Escapes {
  private Escapes() {}

  /** Appends the character escaped at {@code at} (just after the backslash); returns the index after it. */
  static int unescape(String src, int at, StringBuilder out, int line) {
    char c = src.charAt(at);
    switch (c) {
      case 'n' -> out.append('\n');
      case 't' -> out.append('\t');
      case 'r' -> out.append('\r');
      case 'a' -> out.append('\u0007');
      case 'b' -> out.append('\b');
      case 'f' -> out.append('\f');
      case 'v' -> out.append('\u000b');
      case '\\', '"', '\'' -> out.append(c);
      case 'x' -> {
        return hex(src, at + 1, 2, out, line);
      }
      case 'u' -> {
        return hex(src, at + 1, 4, out, line);
      }
      case 'U' -> {
        return hex(src, at + 1, 8, out, line);
      }
      default -> throw new TemplateException(line, "unknown escape sequence: \\" + c);
    }
    return at + 1;
  }

  private static int hex(String src, int from, int digits, StringBuilder out, int line) {
    if (from + digits > src.length()) throw new TemplateException(line, "invalid escape sequence");
    try {
      out.appendCodePoint(Integer.parseInt(src.substring(from, from + digits), 16));
    } catch (IllegalArgumentException e) {
      throw new TemplateException(line, "invalid escape sequence: " + src.substring(from - 2, from + digits));
    }
    return from + digits;
  }
}
