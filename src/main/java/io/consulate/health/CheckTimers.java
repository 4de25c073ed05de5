package io.consulate.health;

import java.time.Duration;

/**
 * The single thread checks live on, with its timers; injected so interval, TTL and reaping logic is tested
 * without sleeping. Check state is only touched from here, so it needs no locks.
 */
public interface CheckTimers {
  /** Runs {@code action} once after {@code delay}; returns an id for {@link #cancel}. */
  long schedule(Duration delay, Runnable action);

  void cancel(long id);

  /** Runs {@code action} on the checks' thread, soon. */
  void execute(Runnable action);
}
