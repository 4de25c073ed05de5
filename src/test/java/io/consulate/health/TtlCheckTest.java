package io.consulate.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.catalog.HealthStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** TTL expiry on virtual time: no sleeping. */
class TtlCheckTest {
  private final ManualTimers timers = new ManualTimers();
  private final List<CheckResult> reports = new ArrayList<>();
  private final TtlCheck check = new TtlCheck("ttl", Duration.ofSeconds(10), timers, (id, r) -> {
    reports.add(r);
    return CompletableFuture.completedFuture(null);
  });

  @Test
  void silenceLongerThanTheTtlTurnsItCritical() {
    check.start();
    timers.advance(Duration.ofSeconds(9));
    assertTrue(reports.isEmpty());
    timers.advance(Duration.ofSeconds(1));
    assertEquals(List.of(new CheckResult(HealthStatus.CRITICAL, "TTL expired")), reports);
  }

  @Test
  void eachReportRestartsTheClockAndExpiryKeepsTheLastOutput() {
    check.start();
    timers.advance(Duration.ofSeconds(8));
    check.update(HealthStatus.PASSING, "alive");
    timers.advance(Duration.ofSeconds(8));
    assertEquals(1, reports.size(), "no expiry 8 s after the report");
    timers.advance(Duration.ofSeconds(2));
    assertEquals(new CheckResult(HealthStatus.CRITICAL, "TTL expired (last output before timeout follows): alive"),
        reports.get(1));
  }

  @Test
  void aStoppedCheckNeverExpires() {
    check.start();
    check.stop();
    timers.advance(Duration.ofMinutes(1));
    assertTrue(reports.isEmpty());
  }
}
