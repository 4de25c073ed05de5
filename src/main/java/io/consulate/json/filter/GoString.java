package io.consulate.json.filter;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Go's strconv.Quote and strconv.Unquote: bexpr unquotes string literals with the latter, and its error messages
 * quote values and selectors with the former ({@code %q}), so both decide what Consul's answers look like.
 */
final class GoString {
  private GoString() {}

  /** strconv.Quote: printable characters as they are, the rest as Go escapes. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    s.codePoints().forEach(c -> {
      switch (c) {
        case '"', '\\' -> b.append('\\').appendCodePoint(c);
        case 0x07 -> b.append("\\a");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case 0x0b -> b.append("\\v");
        default -> {
          if (printable(c)) b.appendCodePoint(c);
          else if (c < ' ' || c == 0x7f) b.append(String.format("\\x%02x", c));
          else if (c < 0x10000) b.append(String.format("\\u%04x", c));
          else b.append(String.format("\\U%08x", c));
        }
      }
    });
    return b.append('"').toString();
  }

  /** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
  private static boolean printable(int c) {
    if (c < 0x80) return c >= ' ' && c < 0x7f;
    return switch (Character.getType(c)) {
      case Character.UNASSIGNED, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
          Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE -> false;
      default -> true;
    };
  }

  /**
   * strconv.Unquote of a literal the grammar has already delimited: a raw {@code `...`} string loses its carriage
   * returns; a {@code "..."} string has its escapes expanded. Null where Go answers "invalid syntax": a newline,
   * an unknown escape, or a backslash just before the closing quote (the grammar ends a string at its first
   * quote, so {@code \"} cannot escape one).
   */
  static String unquote(String literal) {
    String body = literal.substring(1, literal.length() - 1);
    if (literal.charAt(0) == '`') return body.replace("\r", "");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < body.length()) {
      int c = body.codePointAt(i);
      if (c == '\n') return null;
      if (c != '\\') {
        out.writeBytes(new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(c);
        continue;
      }
      if (i + 1 == body.length()) return null;
      char e = body.charAt(i + 1);
      i += 2;
      int simple = "abfnrtv\\".indexOf(e);
      if (simple >= 0) {
        out.write("\u0007\b\f\n\r\t\u000b\\".charAt(simple));
      } else if (e == 'x' || e == 'u' || e == 'U') {
        int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        Integer v = number(body, i, digits, 16);
        if (v == null) return null;
        i += digits;
        if (e == 'x') {
          out.write(v);
        } else if (v > Character.MAX_CODE_POINT || v >= 0xd800 && v <= 0xdfff) {
          return null;
        } else {
          out.writeBytes(new String(Character.toChars(v)).getBytes(StandardCharsets.UTF_8));
        }
      } else if (e >= '0' && e <= '7') {
        Integer v = number(body, i - 1, 3, 8);
        if (v == null || v > 255) return null;
        i += 2;
        out.write(v);
      } else {
        return null;
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The value of exactly {@code digits} ASCII digits in {@code radix} at {@code from}, or null. */
  private static Integer number(String s, int from, int digits, int radix) {
    if (from + digits > s.length()) return null;
    long v = 0;
    for (int k = from; k < from + digits; k++) {
      char c = s.charAt(k);
      int d = c < 0x80 ? Character.digit(c, radix) : -1;
      if (d < 0) return null;
      v = v * radix + d;
    }
    return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
  }
}
