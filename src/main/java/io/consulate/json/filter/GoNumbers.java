package io.consulate.json.filter;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Go's strconv.ParseInt(s, 0, 64), ParseFloat(s, 64) and ParseBool: bexpr coerces a filter's raw value with them
 * to the type of the number or boolean field it is compared with. A value they refuse is an
 * IllegalArgumentException worded as Go's error ({@code strconv.ParseInt: parsing "x": invalid syntax}).
 */
final class GoNumbers {
  private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  private static final Pattern DECIMAL = Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern SPECIAL = Pattern.compile("(?i)[+-]?(inf|infinity)|nan");

  private GoNumbers() {}

  /** Base from the prefix (0x, 0o, 0b, or a bare 0 for octal), underscores between digits, 64-bit range. */
  static long parseInt(String s0) {
    String s = s0.startsWith("+") || s0.startsWith("-") ? s0.substring(1) : s0;
    if (s.isEmpty()) throw error("ParseInt", s0, "invalid syntax");
    int base = 10;
    if (s.charAt(0) == '0') {
      char p = s.length() >= 3 ? Character.toLowerCase(s.charAt(1)) : ' ';
      base = p == 'b' ? 2 : p == 'o' ? 8 : p == 'x' ? 16 : 8;
      s = s.substring(base == 8 && p != 'o' ? 1 : 2);
    }
    BigInteger n = BigInteger.ZERO;
    boolean underscores = false;
    for (char c : s.toCharArray()) {
      if (c == '_') {
        underscores = true;
        continue;
      }
      int d = c < 0x80 ? Character.digit(c, 36) : -1;
      if (d < 0 || d >= base) throw error("ParseInt", s0, "invalid syntax");
      n = n.multiply(BigInteger.valueOf(base)).add(BigInteger.valueOf(d));
      if (n.compareTo(MAX_UINT64) > 0) throw error("ParseInt", s0, "value out of range");
    }
    if (underscores && !underscoreOk(s0)) throw error("ParseInt", s0, "invalid syntax");
    if (s0.startsWith("-")) n = n.negate();
    if (n.bitLength() > 63) throw error("ParseInt", s0, "value out of range");
    return n.longValue();
  }

  /** Decimal floats with underscores between digits, and Inf, Infinity and NaN in any case (no hex floats). */
  static double parseFloat(String s0) {
    if (SPECIAL.matcher(s0).matches()) {
      return s0.toLowerCase().contains("nan") ? Double.NaN
          : s0.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    String s = s0.startsWith("+") || s0.startsWith("-") ? s0.substring(1) : s0;
    String digits = s.replace("_", "");
    if (!DECIMAL.matcher(digits).matches() || !digits.equals(s) && !underscoreOk(s0)) {
      throw error("ParseFloat", s0, "invalid syntax");
    }
    double d = Double.parseDouble(digits);
    if (Double.isInfinite(d)) throw error("ParseFloat", s0, "value out of range");
    return s0.startsWith("-") ? -d : d;
  }

  static boolean parseBool(String s) {
    return switch (s) {
      case "1", "t", "T", "TRUE", "true", "True" -> true;
      case "0", "f", "F", "FALSE", "false", "False" -> false;
      default -> throw error("ParseBool", s, "invalid syntax");
    };
  }

  /** Go's rule: an underscore only between digits, or between a base prefix and a digit. */
  private static boolean underscoreOk(String s) {
    if (s.startsWith("+") || s.startsWith("-")) s = s.substring(1);
    char saw = '^';
    int i = 0;
    boolean hex = false;
    if (s.length() >= 2 && s.charAt(0) == '0' && "box".indexOf(Character.toLowerCase(s.charAt(1))) >= 0) {
      i = 2;
      saw = '0';
      hex = Character.toLowerCase(s.charAt(1)) == 'x';
    }
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      char lower = Character.toLowerCase(c);
      if (c >= '0' && c <= '9' || hex && lower >= 'a' && lower <= 'f') {
        saw = '0';
      } else if (c == '_') {
        if (saw != '0') return false;
        saw = '_';
      } else {
        if (saw == '_') return false;
        saw = '!';
      }
    }
    return saw != '_';
  }

  private static IllegalArgumentException error(String function, String s, String why) {
    return new IllegalArgumentException("strconv." + function + ": parsing " + GoString.quote(s) + ": " + why);
  }
}
