package io.consulate.store;

import io.consulate.acl.AclState;
import io.consulate.catalog.CatalogSnapshot;
import io.consulate.kv.KvState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Publishes the applied state to readers, off the thread that applies the log: a burst of applied writes
 * yields one snapshot built and published for the lot (the coalescing of DESIGN.md), and the log never waits
 * for a reader. Also where a writer waits to read its own write: {@link #reached} completes once a state with
 * that write (counted by {@link Latest#applied}, which counts every write, changing or not) is published here.
 */
final class Publication implements AutoCloseable {
  /**
   * The state to publish: snapshots of whole writes only, the index they include, and how many log entries
   * were applied to make them (the same count on every server, since all apply the same log).
   */
  record Latest(CatalogSnapshot catalog, KvState kv, AclState acl, long index, long applied) {}

  private final SnapshotPublisher<CatalogSnapshot> catalog = new SnapshotPublisher<>(CatalogSnapshot.EMPTY);
  private final SnapshotPublisher<KvState> kv = new SnapshotPublisher<>(KvState.EMPTY);
  private final SnapshotPublisher<AclState> acl = new SnapshotPublisher<>(AclState.EMPTY);
  private final AtomicBoolean pending = new AtomicBoolean();
  private final ExecutorService publisher = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "store-publish");
    t.setDaemon(true);
    return t;
  });
  /** Writers waiting for an applied count, by count; guarded by itself, as are the two below. */
  private final TreeMap<Long, List<CompletableFuture<Void>>> waiting = new TreeMap<>();
  private long published;
  private long publishedIndex;
  private volatile Supplier<Latest> source = () -> new Latest(CatalogSnapshot.EMPTY, KvState.EMPTY, AclState.EMPTY, 0, 0);
  private final Timer publishTime;
  private final DistributionSummary batch;

  /** {@code meters} forwards to the agent's registry once there is one (see {@link Store#instrument}). */
  Publication(MeterRegistry meters) {
    publishTime = Timer.builder("consul.store.publish").description("Building and publishing one state to readers")
        .register(meters);
    batch = DistributionSummary.builder("consul.store.publish.entries")
        .description("Log entries applied per published state: writes coalesced into one snapshot").register(meters);
    FunctionCounter.builder("consul.raft.apply", this, p -> p.publishedCount())
        .description("Log entries applied and published on this node").register(meters);
  }

  /** Where the state to publish is built, on the publishing thread, when it is time. */
  void source(Supplier<Latest> built) {
    this.source = built;
  }

  SnapshotPublisher<CatalogSnapshot> catalog() {
    return catalog;
  }

  SnapshotPublisher<KvState> kv() {
    return kv;
  }

  SnapshotPublisher<AclState> acl() {
    return acl;
  }

  /** A write was applied: its state is built and published soon, together with any that follow it. */
  void changed() {
    if (pending.compareAndSet(false, true)) publisher.execute(this::publish);
  }

  private void publish() {
    long start = System.nanoTime();
    pending.set(false);
    Latest l = source.get();
    if (catalog.current() != l.catalog()) catalog.publish(l.catalog());
    if (kv.current() != l.kv()) kv.publish(l.kv());
    if (acl.current() != l.acl()) acl.publish(l.acl());
    List<CompletableFuture<Void>> served = new ArrayList<>();
    synchronized (waiting) {
      if (l.applied() > published) batch.record(l.applied() - published);
      published = Math.max(published, l.applied());
      publishedIndex = Math.max(publishedIndex, l.index());
      Map<Long, List<CompletableFuture<Void>>> due = waiting.headMap(published, true);
      due.values().forEach(served::addAll);
      due.clear();
    }
    served.forEach(w -> w.complete(null));
    publishTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
  }

  private double publishedCount() {
    synchronized (waiting) {
      return published;
    }
  }

  /** Completes once this node has published a state made of at least {@code applied} log entries. */
  CompletableFuture<Void> reached(long applied) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    synchronized (waiting) {
      if (published >= applied) return CompletableFuture.completedFuture(null);
      waiting.computeIfAbsent(applied, i -> new ArrayList<>()).add(done);
    }
    return done;
  }

  /**
   * The state now comes from another log (a lone agent that joined a cluster as a client): its counts start
   * over, so the published ones are forgotten rather than kept as a floor.
   */
  void restart() {
    synchronized (waiting) {
      published = 0;
      publishedIndex = 0;
    }
  }

  /** The index of the newest published state. */
  long publishedIndex() {
    synchronized (waiting) {
      return publishedIndex;
    }
  }

  @Override
  public void close() {
    publisher.shutdown();
  }
}
