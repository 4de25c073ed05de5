package io.consulate.health;

import io.consulate.catalog.HealthStatus;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Consul's TTL check: the application reports its own state (pass/warn/fail/update), and silence for longer
 * than the TTL turns it critical with "TTL expired". Each report restarts the clock.
 */
final class TtlCheck implements RunningCheck {
  private final String checkId;
  private final Duration ttl;
  private final CheckTimers timers;
  private final StatusSink sink;
  private String lastOutput = "";
  private long timer = -1;
  private boolean stopped;

  TtlCheck(String checkId, Duration ttl, CheckTimers timers, StatusSink sink) {
    this.checkId = checkId;
    this.ttl = ttl;
    this.timers = timers;
    this.sink = sink;
  }

  @Override
  public void start() {
    rearm();
  }

  CompletionStage<Void> update(HealthStatus status, String output) {
    if (stopped) return CompletableFuture.completedFuture(null);
    lastOutput = output;
    rearm();
    return sink.report(checkId, new CheckResult(status, output));
  }

  private void rearm() {
    if (timer >= 0) timers.cancel(timer);
    timer = timers.schedule(ttl, this::expire);
  }

  private void expire() {
    if (stopped) return;
    timer = -1;
    String output = lastOutput.isEmpty() ? "TTL expired" : "TTL expired (last output before timeout follows): " + lastOutput;
    sink.report(checkId, CheckResult.critical(output));
  }

  @Override
  public void stop() {
    stopped = true;
    if (timer >= 0) timers.cancel(timer);
  }
}
