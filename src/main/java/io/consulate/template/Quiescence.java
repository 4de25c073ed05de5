package io.consulate.template;

import io.consulate.catalog.GoDuration;
import java.time.Duration;

/**
 * {@code -wait min:max}: after a change, render once nothing has changed for {@code min}, but no later than
 * {@code max} after the first change of the burst, so a steady stream of changes still renders.
 */
final class Quiescence {
  private final long minNanos;
  private final long maxNanos;
  private long burstStart = -1;

  Quiescence(Duration min, Duration max) {
    this.minNanos = min.toNanos();
    this.maxNanos = Math.max(max.toNanos(), minNanos);
  }

  /** The delay from {@code now} (nanos) until the render, given a change at {@code now}. */
  long delayAfterChange(long now) {
    if (burstStart < 0) burstStart = now;
    long deadline = Math.min(now + minNanos, burstStart + maxNanos);
    return Math.max(0, deadline - now);
  }

  /** The burst ended in a render; the next change starts a new one. */
  void rendered() {
    burstStart = -1;
  }

  /** "5s" or "2s:10s"; without a max, consul-template uses four times the min. */
  static Quiescence parse(String spec) {
    String[] parts = spec.split(":", 2);
    Duration min = GoDuration.parse(parts[0]);
    Duration max = parts.length > 1 ? GoDuration.parse(parts[1]) : min.multipliedBy(4);
    if (max.compareTo(min) < 0) throw new IllegalArgumentException("-wait: max " + parts[1] + " is less than min " + parts[0]);
    return new Quiescence(min, max);
  }
}
