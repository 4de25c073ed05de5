package io.consulate.agent;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * {@code -log-json}: one JSON object per line with the fields of Consul's JSON logs ({@code @timestamp},
 * {@code @level}, {@code @module}, {@code @message}), plus {@code @error} for a record that carries a throwable.
 */
final class JsonLogFormatter extends Formatter {
  @Override
  public String format(LogRecord r) {
    JsonObject line = new JsonObject().put("@timestamp", Instant.ofEpochMilli(r.getMillis()).toString())
        .put("@level", level(r.getLevel())).put("@module", r.getLoggerName()).put("@message", formatMessage(r));
    if (r.getThrown() != null) {
      StringWriter trace = new StringWriter();
      r.getThrown().printStackTrace(new PrintWriter(trace));
      line.put("@error", trace.toString());
    }
    return line.encode() + System.lineSeparator();
  }

  /** Consul's level words for java.util.logging's levels (the inverse of {@link LogLevels#of}). */
  static String level(Level level) {
    int v = level.intValue();
    if (v >= Level.SEVERE.intValue()) return "error";
    if (v >= Level.WARNING.intValue()) return "warn";
    if (v >= Level.INFO.intValue()) return "info";
    if (v >= Level.FINE.intValue()) return "debug";
    return "trace";
  }
}
