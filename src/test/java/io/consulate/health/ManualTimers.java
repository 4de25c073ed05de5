package io.consulate.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.PriorityQueue;

/** Virtual time for check logic: timers fire only when a test advances the clock. */
final class ManualTimers implements CheckTimers {
  private record Task(Instant due, long id, Runnable action) {}

  private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) ->
      a.due().equals(b.due()) ? Long.compare(a.id(), b.id()) : a.due().compareTo(b.due()));
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private long nextId;

  final Clock clock = new Clock() {
    @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    @Override public Instant instant() { return now; }
  };

  @Override
  public long schedule(Duration delay, Runnable action) {
    long id = nextId++;
    tasks.add(new Task(now.plus(delay), id, action));
    return id;
  }

  @Override
  public void cancel(long id) {
    tasks.removeIf(t -> t.id() == id);
  }

  @Override
  public void execute(Runnable action) {
    action.run();
  }

  /** Moves time forward, running every task that falls due on the way, in order. */
  void advance(Duration by) {
    Instant end = now.plus(by);
    while (!tasks.isEmpty() && !tasks.peek().due().isAfter(end)) {
      Task t = tasks.poll();
      now = t.due();
      t.action().run();
    }
    now = end;
  }
}
