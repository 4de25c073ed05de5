package io.consulate.template;

import java.util.List;
import java.util.Locale;

/**
 * Go's fmt.Sprintf for the verbs templates use: %v %s %q %d %t %f %e %g %x %X %o %c %%, with flags
 * (- + 0 space #), width and precision. Go writes mistakes into the output (%!d(string=x)); so do we.
 */
final class GoFormat {
  private GoFormat() {}

  static String sprintf(String format, List<Object> args) {
    StringBuilder out = new StringBuilder();
    int next = 0;
    int i = 0;
    while (i < format.length()) {
      char c = format.charAt(i++);
      if (c != '%') {
        out.append(c);
        continue;
      }
      int start = i;
      while (i < format.length() && "-+# 0".indexOf(format.charAt(i)) >= 0) i++;
      String flags = format.substring(start, i);
      int width = -1;
      int precision = -1;
      int w = i;
      while (i < format.length() && Character.isDigit(format.charAt(i))) i++;
      if (i > w) width = Integer.parseInt(format.substring(w, i));
      if (i < format.length() && format.charAt(i) == '.') {
        int p = ++i;
        while (i < format.length() && Character.isDigit(format.charAt(i))) i++;
        precision = i > p ? Integer.parseInt(format.substring(p, i)) : 0;
      }
      if (i >= format.length()) {
        out.append("%!(NOVERB)");
        break;
      }
      char verb = format.charAt(i++);
      if (verb == '%') {
        out.append('%');
        continue;
      }
      if (next >= args.size()) {
        out.append("%!").append(verb).append("(MISSING)");
        continue;
      }
      out.append(pad(verb(verb, flags, precision, args.get(next++)), flags, width));
    }
    if (next < args.size()) {
      out.append("%!(EXTRA ");
      for (int a = next; a < args.size(); a++) {
        out.append(a > next ? ", " : "").append(GoValues.typeName(args.get(a))).append('=').append(GoValues.format(args.get(a)));
      }
      out.append(')');
    }
    return out.toString();
  }

  private static String verb(char verb, String flags, int precision, Object arg) {
    boolean plus = flags.indexOf('+') >= 0;
    switch (verb) {
      case 'v', 's' -> {
        String s = GoValues.format(arg);
        return precision >= 0 && s.length() > precision ? s.substring(0, precision) : s;
      }
      case 'q' -> {
        if (arg instanceof String s) return quote(s);
      }
      case 't' -> {
        if (arg instanceof Boolean b) return b.toString();
      }
      case 'd', 'x', 'X', 'o', 'c' -> {
        if (arg instanceof Long || arg instanceof Integer) return integer(verb, plus, ((Number) arg).longValue());
        if (arg instanceof String s && (verb == 'x' || verb == 'X')) return hex(s, verb == 'X');
      }
      case 'f', 'F', 'e', 'g' -> {
        if (arg instanceof Number n) {
          String pattern = "%" + (plus ? "+" : "") + (precision >= 0 ? "." + precision : verb == 'g' ? "" : ".6")
              + (verb == 'F' ? 'f' : verb);
          return verb == 'g' && precision < 0 ? GoValues.formatDouble(n.doubleValue()) : String.format(Locale.ROOT, pattern, n.doubleValue());
        }
      }
      default -> { }
    }
    return "%!" + verb + "(" + GoValues.typeName(arg) + "=" + GoValues.format(arg) + ")";
  }

  private static String integer(char verb, boolean plus, long v) {
    String s = switch (verb) {
      case 'x' -> Long.toHexString(v);
      case 'X' -> Long.toHexString(v).toUpperCase(Locale.ROOT);
      case 'o' -> Long.toOctalString(v);
      case 'c' -> new String(Character.toChars((int) v));
      default -> Long.toString(v);
    };
    return plus && v >= 0 && verb == 'd' ? "+" + s : s;
  }

  private static String hex(String s, boolean upper) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) out.append(String.format(upper ? "%02X" : "%02x", b));
    return out.toString();
  }

  /** Go's %q: a double-quoted string with Go escapes. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) out.append(String.format("\\x%02x", (int) c));
          else out.append(c);
        }
      }
    }
    return out.append('"').toString();
  }

  private static String pad(String s, String flags, int width) {
    if (width <= s.length()) return s;
    String fill = (flags.indexOf('0') >= 0 && flags.indexOf('-') < 0 ? "0" : " ").repeat(width - s.length());
    if (flags.indexOf('-') >= 0) return s + fill;
    if (fill.startsWith("0") && (s.startsWith("-") || s.startsWith("+"))) return s.charAt(0) + fill + s.substring(1);
    return fill + s;
  }
}
