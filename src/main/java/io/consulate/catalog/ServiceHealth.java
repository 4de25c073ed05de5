package io.consulate.catalog;

import java.util.List;

/**
 * One instance with its node and every check that counts against it (node checks first, then its own),
 * and the worst of their states: the unit DNS and {@code /v1/health/service} filter on.
 */
public record ServiceHealth(Node node, ServiceInstance service, List<HealthCheck> checks, HealthStatus status) {

  public ServiceHealth {
    checks = List.copyOf(checks);
  }

  static ServiceHealth of(Node node, ServiceInstance service, List<HealthCheck> checks) {
    HealthStatus worst = HealthStatus.PASSING;
    for (HealthCheck c : checks) worst = worst.worse(c.status());
    return new ServiceHealth(node, service, checks, worst);
  }

  /** DNS's filter: critical never, warning only unless {@code onlyPassing}. */
  public boolean servableByDns(boolean onlyPassing) {
    return status == HealthStatus.PASSING || (status == HealthStatus.WARNING && !onlyPassing);
  }
}
