package io.consulate.template;

import java.time.Duration;

/** Retry delays after failed requests: 1 s doubling up to 30 s, back to 1 s after a success. */
final class Backoff {
  static final Duration FIRST = Duration.ofSeconds(1);
  static final Duration MAX = Duration.ofSeconds(30);

  private Duration next = FIRST;

  Duration next() {
    Duration now = next;
    next = next.multipliedBy(2).compareTo(MAX) > 0 ? MAX : next.multipliedBy(2);
    return now;
  }

  void reset() {
    next = FIRST;
  }
}
