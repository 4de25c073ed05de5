package io.consulate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** The monitor's feed: level filtering, never blocking the logger, and the count of dropped lines. */
class LogStreamTest {
  private static final Formatter PLAIN = new Formatter() {
    @Override
    public String format(LogRecord r) {
      return r.getLevel() + " " + r.getMessage() + "\n";
    }
  };
  private static final Formatter JSON = new Formatter() {
    @Override
    public String format(LogRecord r) {
      return "{\"@message\":\"" + r.getMessage() + "\"}\n";
    }
  };

  @Test
  void eachReaderGetsItsLevelAndFormat() {
    List<Level> told = new ArrayList<>();
    LogStream stream = new LogStream(PLAIN, JSON, told::add);
    LogStream.Reader info = stream.open(Level.INFO, false);
    LogStream.Reader debug = stream.open(Level.FINE, true);
    stream.publish(new LogRecord(Level.FINE, "detail"));
    stream.publish(new LogRecord(Level.WARNING, "careful"));
    assertEquals("WARNING careful\n", info.drain());
    assertEquals("{\"@message\":\"detail\"}\n{\"@message\":\"careful\"}\n", debug.drain());
    debug.close();
    info.close();
    assertEquals(List.of(Level.INFO, Level.FINE, Level.INFO), told.subList(0, 3));
    assertEquals(null, told.get(3), "the loggers are told once nobody watches");
  }

  @Test
  void aReaderThatFallsBehindLosesLinesAndIsToldHowMany() {
    LogStream stream = new LogStream(PLAIN, JSON, level -> { });
    LogStream.Reader slow = stream.open(Level.INFO, false);
    long t0 = System.nanoTime();
    for (int i = 0; i < LogStream.BUFFERED_LINES + 88; i++) stream.publish(new LogRecord(Level.INFO, "line " + i));
    assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "publishing never waits for the reader");
    List<String> lines = slow.drain().lines().toList();
    assertEquals(LogStream.BUFFERED_LINES + 1, lines.size());
    assertEquals("INFO line 0", lines.get(0));
    assertEquals("Monitor dropped 88 logs during monitor request", lines.get(lines.size() - 1));
    assertEquals("", slow.drain());
  }
}
