package io.consulate.agent;

import io.consulate.http.LogLevelWords;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * {@code -log-json}: one JSON object per line with the fields of Consul's JSON logs ({@code @timestamp},
 * {@code @level}, {@code @module}, {@code @message}), plus {@code @error} for a record that carries a throwable.
 */
final class JsonLogFormatter extends Formatter {
  @Override
  public String format(LogRecord r) {
    JsonObject line = new JsonObject().put("@timestamp", Instant.ofEpochMilli(r.getMillis()).toString())
        .put("@level", LogLevelWords.word(r.getLevel())).put("@module", r.getLoggerName())
        .put("@message", formatMessage(r));
    if (r.getThrown() != null) {
      StringWriter trace = new StringWriter();
      r.getThrown().printStackTrace(new PrintWriter(trace));
      line.put("@error", trace.toString());
    }
    return line.encode() + System.lineSeparator();
  }
}
