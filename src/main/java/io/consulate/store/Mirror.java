package io.consulate.store;

import io.consulate.cluster.StreamSink;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

/**
 * A client's read-only copy of the servers' state: the stream from its link applied to a
 * {@link ReplicatedState} exactly as a server applies its log, so the snapshots DNS and HTTP read are built the
 * same way. Applied on a thread of its own: a whole state of a large datacenter takes a while to read, and the
 * link's event loop must not wait for it.
 */
final class Mirror implements StreamSink, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Mirror.class.getName());
  private final ReplicatedState state;
  private final ExecutorService applier = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "store-mirror");
    t.setDaemon(true);
    return t;
  });
  /** What the link handed over, applied in order by one drain at a time: a burst costs one wake-up. */
  private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> queued = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final java.util.concurrent.atomic.AtomicBoolean draining = new java.util.concurrent.atomic.AtomicBoolean();
  /**
   * Entries of the servers' log received (applied, or queued to be): where the next link resumes; -1 until a
   * whole state arrived. Counted as frames arrive, not as they are applied, so nothing queued is sent twice.
   * Written by the link's thread only.
   */
  private volatile long received = -1;

  Mirror(ReplicatedState state) {
    this.state = state;
  }

  @Override
  public void snapshot(byte[] whole) {
    received = ReplicatedState.appliedIn(whole);
    enqueue(() -> {
      try {
        state.readContentFrom(new DataInputStream(new ByteArrayInputStream(whole)));
      } catch (IOException | RuntimeException e) {
        LOG.severe("cannot read the state a server sent: " + e.getMessage());
      }
    });
  }

  @Override
  public void entry(byte[] entry) {
    if (received < 0) return; // an entry without a base state cannot be applied; the next link starts whole
    received++;
    enqueue(() -> state.apply(entry, 0, entry.length, false));
  }

  private void enqueue(Runnable step) {
    queued.add(step);
    if (draining.compareAndSet(false, true)) applier.execute(this::drain);
  }

  private void drain() {
    do {
      for (Runnable step; (step = queued.poll()) != null; ) step.run();
      draining.set(false);
    } while (!queued.isEmpty() && draining.compareAndSet(false, true));
  }

  /** Where the next link resumes; -1 asks for a whole state. */
  long received() {
    return received;
  }

  /** Forget what was received: the next link starts with a whole state (a lone agent's own log is no base). */
  void startOver() {
    received = -1;
  }

  @Override
  public void close() {
    applier.shutdownNow();
  }
}
