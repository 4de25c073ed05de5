package io.consulate.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/** The index counter of a lone agent: a process-local atomic, seeded above what the store already holds. */
public final class LocalIndexCounter implements IndexCounter {
  private final AtomicLong last;

  public LocalIndexCounter(long start) {
    this.last = new AtomicLong(start);
  }

  @Override
  public CompletionStage<Long> next(int count) {
    return CompletableFuture.completedFuture(last.addAndGet(count));
  }
}
