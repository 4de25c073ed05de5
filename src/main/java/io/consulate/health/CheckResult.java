package io.consulate.health;

import io.consulate.catalog.HealthStatus;

/** One probe's verdict and the text Consul shows as the check's {@code Output}, capped at 4 KiB. */
public record CheckResult(HealthStatus status, String output) {
  static final int OUTPUT_MAX = 4096;

  public CheckResult {
    if (output.length() > OUTPUT_MAX) output = output.substring(0, OUTPUT_MAX);
  }

  static CheckResult passing(String output) {
    return new CheckResult(HealthStatus.PASSING, output);
  }

  static CheckResult critical(String output) {
    return new CheckResult(HealthStatus.CRITICAL, output);
  }
}
