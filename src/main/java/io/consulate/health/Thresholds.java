package io.consulate.health;

import io.consulate.catalog.HealthStatus;

/**
 * Consul's {@code success_before_passing}, {@code failures_before_warning} and {@code failures_before_critical}:
 * consecutive results a probe needs before its status is reported. With all three 0 (the default) every result
 * is reported as it is. Returns null while a streak is too short to change what is reported.
 */
final class Thresholds {
  private final int successBeforePassing;
  private final int failuresBeforeWarning;
  private final int failuresBeforeCritical;
  private int successes;
  private int failures;

  Thresholds(int successBeforePassing, int failuresBeforeWarning, int failuresBeforeCritical) {
    this.successBeforePassing = successBeforePassing;
    this.failuresBeforeCritical = failuresBeforeCritical;
    // Consul: failures_before_warning defaults to failures_before_critical, so no early warning unless asked
    this.failuresBeforeWarning = failuresBeforeWarning > 0 ? failuresBeforeWarning : failuresBeforeCritical;
  }

  /** The result to report for this probe outcome, or null to keep reporting the previous status. */
  CheckResult next(CheckResult raw) {
    if (raw.status() != HealthStatus.CRITICAL) {
      successes++;
      failures = 0;
      return successes >= successBeforePassing ? raw : null;
    }
    failures++;
    successes = 0;
    if (failures >= failuresBeforeCritical) return raw;
    if (failures >= failuresBeforeWarning) return new CheckResult(HealthStatus.WARNING, raw.output());
    return null;
  }
}
