package io.consulate.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import org.infinispan.counter.api.CounterConfiguration;
import org.infinispan.counter.api.CounterManager;
import org.infinispan.counter.api.CounterType;
import org.infinispan.counter.api.Storage;
import org.infinispan.counter.api.StrongCounter;
import org.infinispan.counter.api.SyncStrongCounter;

/**
 * The cluster-wide index: an Infinispan strong counter, so every agent stamps writes from one sequence and
 * {@code X-Consul-Index} agrees everywhere. No index is handed out without a known leader, which makes it the
 * one gate every store's writes pass: in a minority partition they fail with {@link NoLeaderException}.
 */
final class ClusterIndexCounter implements IndexCounter {
  static final String NAME = "consulate-index";

  private final StrongCounter counter;
  private final BooleanSupplier leaderKnown;

  private ClusterIndexCounter(StrongCounter counter, BooleanSupplier leaderKnown) {
    this.counter = counter;
    this.leaderKnown = leaderKnown;
  }

  /**
   * Opens the counter and raises it to at least {@code floor} (the highest index in this agent's store), so
   * it never goes backwards, even if the counter's own persisted state was lost. Blocks.
   */
  static ClusterIndexCounter open(CounterManager counters, long floor, boolean persistent, BooleanSupplier leaderKnown) {
    counters.defineCounter(NAME, CounterConfiguration.builder(CounterType.UNBOUNDED_STRONG).initialValue(floor)
        .storage(persistent ? Storage.PERSISTENT : Storage.VOLATILE).build());
    StrongCounter counter = counters.getStrongCounter(NAME);
    SyncStrongCounter sync = counter.sync();
    for (long v = sync.getValue(); v < floor; v = sync.getValue()) sync.compareAndSet(v, floor);
    return new ClusterIndexCounter(counter, leaderKnown);
  }

  @Override
  public CompletionStage<Long> next(int count) {
    if (!leaderKnown.getAsBoolean()) return CompletableFuture.failedFuture(new NoLeaderException());
    return counter.addAndGet(count);
  }
}
