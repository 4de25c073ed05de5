package io.consulate.http;

import java.util.Locale;
import java.util.logging.Level;

/**
 * Consul's log level words ({@code trace}, {@code debug}, {@code info}, {@code warn}, {@code err}/{@code error}) and
 * java.util.logging's levels, both ways: for {@code -log-level}, JSON log lines and {@code ?loglevel=} of the monitor.
 */
public final class LogLevelWords {
  private LogLevelWords() {}

  /** The level of a word, in any case; null for a word Consul does not know. */
  public static Level of(String word) {
    switch (word.toLowerCase(Locale.ROOT)) {
      case "trace": return Level.FINEST;
      case "debug": return Level.FINE;
      case "info": return Level.INFO;
      case "warn": return Level.WARNING;
      case "err": case "error": return Level.SEVERE;
      default: return null;
    }
  }

  /** The word for a level; java.util.logging's levels between Consul's take the next one down. */
  public static String word(Level level) {
    int v = level.intValue();
    if (v >= Level.SEVERE.intValue()) return "error";
    if (v >= Level.WARNING.intValue()) return "warn";
    if (v >= Level.INFO.intValue()) return "info";
    if (v >= Level.FINE.intValue()) return "debug";
    return "trace";
  }
}
