package io.consulate.health;

import java.time.Duration;

/**
 * Runs a probe every {@code interval}, after a random initial stagger so checks registered together do not
 * fire together; results pass through Consul's thresholds before they are reported. The next run is scheduled
 * when the current one ends, so a slow probe never overlaps itself.
 */
final class PeriodicCheck implements RunningCheck {
  private final String checkId;
  private final Probe probe;
  private final Duration interval;
  private final Duration stagger;
  private final Thresholds thresholds;
  private final CheckTimers timers;
  private final StatusSink sink;
  private long timer = -1;
  private boolean stopped;

  PeriodicCheck(String checkId, Probe probe, Duration interval, Duration stagger, Thresholds thresholds,
      CheckTimers timers, StatusSink sink) {
    this.checkId = checkId;
    this.probe = probe;
    this.interval = interval;
    this.stagger = stagger;
    this.thresholds = thresholds;
    this.timers = timers;
    this.sink = sink;
  }

  @Override
  public void start() {
    timer = timers.schedule(stagger, this::tick);
  }

  private void tick() {
    if (stopped) return;
    probe.run().onComplete(ar -> timers.execute(() -> {
      if (stopped) return;
      CheckResult raw = ar.succeeded() ? ar.result() : CheckResult.critical(Probes.describe(ar.cause()));
      CheckResult reported = thresholds.next(raw);
      if (reported != null) sink.report(checkId, reported);
      timer = timers.schedule(interval, this::tick);
    }));
  }

  @Override
  public void stop() {
    stopped = true;
    if (timer >= 0) timers.cancel(timer);
  }
}
