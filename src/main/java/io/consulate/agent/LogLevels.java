package io.consulate.agent;

import io.consulate.http.LogLevelWords;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Maps Consul's {@code -log-level} words onto java.util.logging: our loggers and the agent's outputs (console, log
 * file) at that level. A monitor ({@code consulate monitor -log-level debug}) may ask for finer records than the agent
 * prints, as in Consul: our loggers then make them for the monitor while the outputs still print only the configured
 * level.
 */
final class LogLevels {
  private static final Logger ROOT = Logger.getLogger("io.consulate");
  private static volatile Level configured = Level.INFO;

  private LogLevels() {}

  /** Sets the level of our loggers and of the root logger's handlers (the console) installed so far. */
  static void apply(String word) {
    configured = of(word);
    ROOT.setLevel(configured);
    for (Handler h : LogManager.getLogManager().getLogger("").getHandlers()) h.setLevel(configured);
  }

  /** The level outputs added later (the log file) print at. */
  static Level configured() {
    return configured;
  }

  /** The finest level an open monitor wants, or null when none is open. */
  static void monitorWants(Level finest) {
    ROOT.setLevel(finest != null && finest.intValue() < configured.intValue() ? finest : configured);
  }

  static Level of(String word) {
    Level level = LogLevelWords.of(word);
    if (level == null) {
      throw new ConfigException("invalid log level \"" + word + "\": use trace, debug, info, warn or err");
    }
    return level;
  }
}
