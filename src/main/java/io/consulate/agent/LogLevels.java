package io.consulate.agent;

import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Maps Consul's {@code -log-level} words onto java.util.logging for our own loggers. */
final class LogLevels {
  private static final Logger ROOT = Logger.getLogger("io.consulate");

  private LogLevels() {}

  static void apply(String word) {
    ROOT.setLevel(of(word));
  }

  static Level of(String word) {
    switch (word.toLowerCase(Locale.ROOT)) {
      case "trace": return Level.FINEST;
      case "debug": return Level.FINE;
      case "info": return Level.INFO;
      case "warn": return Level.WARNING;
      case "err": case "error": return Level.SEVERE;
      default: throw new ConfigException("invalid log level \"" + word + "\": use trace, debug, info, warn or err");
    }
  }
}
