package io.consulate.catalog;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go's duration syntax, which Consul uses everywhere ({@code "10s"}, {@code "1m30s"}, {@code "30000ms"}):
 * a sequence of decimal numbers, each with a unit ns, us, µs, ms, s, m or h. A bare number is refused,
 * except "0", as in Go.
 */
public final class GoDuration {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

  private GoDuration() {}

  public static Duration parse(String text) {
    String s = text == null ? "" : text.trim();
    if (s.equals("0")) return Duration.ZERO;
    boolean negative = s.startsWith("-");
    if (negative || s.startsWith("+")) s = s.substring(1);
    Matcher m = PART.matcher(s);
    double nanos = 0;
    int at = 0;
    while (at < s.length() && m.find(at) && m.start() == at) {
      nanos += Double.parseDouble(m.group(1)) * unitNanos(m.group(2));
      at = m.end();
    }
    if (s.isEmpty() || at != s.length()) {
      throw new IllegalArgumentException("invalid duration \"" + text + "\" (expected e.g. 10s, 500ms, 1m30s)");
    }
    Duration d = Duration.ofNanos(Math.round(nanos));
    return negative ? d.negated() : d;
  }

  private static double unitNanos(String unit) {
    switch (unit) {
      case "ns": return 1;
      case "us": case "µs": return 1e3;
      case "ms": return 1e6;
      case "s": return 1e9;
      case "m": return 60e9;
      default: return 3600e9;
    }
  }
}
