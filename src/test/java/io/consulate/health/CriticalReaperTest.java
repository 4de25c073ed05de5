package io.consulate.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.CheckDefinition;
import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.HealthStatus;
import io.consulate.catalog.Node;
import io.consulate.catalog.ServiceInstance;
import io.consulate.catalog.Weights;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** deregister_critical_service_after, any duration, on virtual time. */
class CriticalReaperTest {
  private final ManualTimers timers = new ManualTimers();
  private final List<String> reaped = new ArrayList<>();
  private final AtomicReference<CatalogSnapshot> snapshot = new AtomicReference<>();
  private final CriticalReaper reaper = new CriticalReaper("n1", snapshot::get, timers.clock, timers, reaped::add);

  private static CatalogSnapshot withCheck(HealthStatus status, String after) {
    CheckDefinition def = new CheckDefinition("", "", Map.of(), "", false, "", "", "", false, List.of(), "1s", "", "",
        "", "", after, 0, 0, 0);
    return CatalogSnapshot.build(
        List.of(new Node("n1", "id", "10.0.0.1", "dc1", Map.of(), Map.of(), 1, 1)),
        List.of(new ServiceInstance("n1", "web", "web", List.of(), "", 80, Map.of(), Weights.DEFAULT, false, 1, 1)),
        List.of(new HealthCheck("n1", "service:web", "c", status, "", "", "web", "web", List.of(), "ttl", def, 1, 1)),
        Map.of("x", 1L));
  }

  @Test
  void aServiceCriticalForTheWholeDurationIsDeregistered() {
    snapshot.set(withCheck(HealthStatus.CRITICAL, "3s"));
    reaper.start();
    timers.advance(Duration.ofSeconds(3));
    assertEquals(List.of(), reaped, "critical seen at 1 s, deadline 4 s");
    timers.advance(Duration.ofSeconds(1));
    assertEquals(List.of("web"), reaped);
  }

  @Test
  void recoveringResetsTheDeadline() {
    snapshot.set(withCheck(HealthStatus.CRITICAL, "3s"));
    reaper.start();
    timers.advance(Duration.ofSeconds(2));
    snapshot.set(withCheck(HealthStatus.PASSING, "3s"));
    timers.advance(Duration.ofSeconds(1));
    snapshot.set(withCheck(HealthStatus.CRITICAL, "3s"));
    timers.advance(Duration.ofSeconds(2));
    assertEquals(List.of(), reaped);
    timers.advance(Duration.ofSeconds(2));
    assertEquals(List.of("web"), reaped);
  }
}
