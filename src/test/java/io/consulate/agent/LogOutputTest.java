package io.consulate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** -log-json's line shape and -log-file's names and rotation counts. */
class LogOutputTest {

  @Test
  void jsonLinesCarryConsulsFields() {
    LogRecord r = new LogRecord(Level.WARNING, "check {0} is critical");
    r.setParameters(new Object[] {"web-ttl"});
    r.setLoggerName("io.consulate.health.HealthMonitor");
    r.setInstant(java.time.Instant.parse("2026-12-01T01:02:03.456Z"));
    String line = new JsonLogFormatter().format(r);
    assertTrue(line.endsWith(System.lineSeparator()) && line.indexOf('\n') == line.length() - 1, line);
    JsonObject json = new JsonObject(line);
    assertEquals("2026-12-01T01:02:03.456Z", json.getString("@timestamp"));
    assertEquals("warn", json.getString("@level"));
    assertEquals("io.consulate.health.HealthMonitor", json.getString("@module"));
    assertEquals("check web-ttl is critical", json.getString("@message"));
    r.setThrown(new IllegalStateException("boom"));
    assertTrue(new JsonObject(new JsonLogFormatter().format(r)).getString("@error").startsWith("java.lang.IllegalStateException: boom"));
  }

  @Test
  void fileNamesAndKeptFiles() {
    assertEquals("/var/log/consulate/consulate-%g.log", LogOutput.pattern("/var/log/consulate/"));
    assertEquals("/tmp/agent-%g.log", LogOutput.pattern("/tmp/agent.log"));
    assertEquals("/tmp/agent-%g.log", LogOutput.pattern("/tmp/agent"));
    assertEquals("/tmp/v1.2/agent-%g.log", LogOutput.pattern("/tmp/v1.2/agent"));
    assertEquals(3, LogOutput.files(2), "two archives and the current file");
    assertEquals(1, LogOutput.files(-1), "-1: no archives");
    assertEquals(LogOutput.KEEP_ALL + 1, LogOutput.files(0), "0: Consul keeps them all");
  }
}
