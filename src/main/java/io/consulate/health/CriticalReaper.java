package io.consulate.health;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.GoDuration;
import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.HealthStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Consul's {@code deregister_critical_service_after}: once a service check has been critical for that long, its
 * service is deregistered. Any duration is honoured (no one-minute floor) and the sweep runs every second, so
 * a service goes within about a second of its deadline.
 */
public final class CriticalReaper {
  static final Duration SWEEP = Duration.ofSeconds(1);

  private final String node;
  private final Supplier<CatalogSnapshot> snapshots;
  private final Clock clock;
  private final CheckTimers timers;
  private final Consumer<String> deregisterService;
  private final Map<String, Instant> criticalSince = new HashMap<>();
  private boolean stopped;

  public CriticalReaper(String node, Supplier<CatalogSnapshot> snapshots, Clock clock, CheckTimers timers,
      Consumer<String> deregisterService) {
    this.node = node;
    this.snapshots = snapshots;
    this.clock = clock;
    this.timers = timers;
    this.deregisterService = deregisterService;
  }

  public void start() {
    timers.schedule(SWEEP, this::sweep);
  }

  public void stop() {
    stopped = true;
  }

  void sweep() {
    if (stopped) return;
    Instant now = clock.instant();
    Set<String> seen = new HashSet<>();
    for (HealthCheck c : snapshots.get().checksOnNode(node)) {
      String after = c.definition().deregisterCriticalServiceAfter();
      if (c.isNodeCheck() || after.isEmpty() || c.status() != HealthStatus.CRITICAL) continue;
      seen.add(c.checkId());
      Instant since = criticalSince.computeIfAbsent(c.checkId(), id -> now);
      if (!Duration.between(since, now).minus(GoDuration.parse(after)).isNegative()) {
        criticalSince.remove(c.checkId());
        deregisterService.accept(c.serviceId());
      }
    }
    criticalSince.keySet().retainAll(seen);
    timers.schedule(SWEEP, this::sweep);
  }
}
