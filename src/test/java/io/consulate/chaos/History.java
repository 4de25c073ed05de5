package io.consulate.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shared, thread-safe record of a run: every client invokes an operation here before sending it and completes
 * it after the reply, so an operation still in flight when the run ends is known and counted as unknown.
 */
final class History {
  /** An invoked operation awaiting its outcome. */
  record Pending(int id, int process, String node, Op.Kind kind, String key, String expected, String value,
      long invokeNanos) {}

  private final long origin = System.nanoTime();
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, Pending> inFlight = new ConcurrentHashMap<>();
  private final Queue<Op> ops = new ConcurrentLinkedQueue<>();
  private final Queue<IndexRead> indexes = new ConcurrentLinkedQueue<>();
  private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();

  /** Nanoseconds since the history began, from the monotonic clock. */
  long now() {
    return System.nanoTime() - origin;
  }

  Pending invoke(int process, String node, Op.Kind kind, String key, String expected, String value) {
    Pending p = new Pending(ids.getAndIncrement(), process, node, kind, key, expected, value, now());
    inFlight.put(p.id(), p);
    return p;
  }

  Op complete(Pending p, Op.Outcome outcome) {
    return complete(p, outcome, p.value(), null);
  }

  /** Completes with the value read or created (a read's value, a session ID), and why it failed if it did. */
  Op complete(Pending p, Op.Outcome outcome, String value, String error) {
    Op op = new Op(p.id(), p.process(), p.node(), p.kind(), p.key(), p.expected(), value, outcome, p.invokeNanos(),
        now(), error);
    ops.add(op);
    inFlight.remove(p.id());
    return op;
  }

  /** The {@code X-Consul-Index} of a reply that just arrived, when it carried one. */
  void index(int process, String node, String path, boolean stale, long index, long invokeNanos) {
    if (index > 0) indexes.add(new IndexRead(process, node, path, stale, index, invokeNanos, now()));
  }

  void fault(Fault f) {
    faults.add(f);
  }

  /** Every operation in invoke order; one still in flight is unknown (INFO), as Jepsen treats a crashed client. */
  List<Op> ops() {
    Map<Integer, Op> byId = new TreeMap<>();
    for (Op op : ops) byId.put(op.id(), op);
    long end = now();
    for (Pending p : inFlight.values()) {
      // A completion racing this call is already in ops: it wins.
      byId.putIfAbsent(p.id(), new Op(p.id(), p.process(), p.node(), p.kind(), p.key(), p.expected(), p.value(),
          Op.Outcome.INFO, p.invokeNanos(), end, "still in flight at the end"));
    }
    return new ArrayList<>(byId.values());
  }

  List<IndexRead> indexes() {
    return List.copyOf(indexes);
  }

  List<Fault> faults() {
    return List.copyOf(faults);
  }
}
