package io.consulate.chaos;

import static io.consulate.chaos.Op.Kind.ACQUIRE;
import static io.consulate.chaos.Op.Kind.RELEASE;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Mutual exclusion of Consul locks: no two sessions hold one key at once. Only definite holds count, so an unknown
 * outcome never produces a false positive: a hold runs from the completion of an acknowledged acquire (the lock is
 * surely held by then) to the invoke of the holder's next release (it may be gone any moment after), or to the
 * end of the history if it never released. An acquire of unknown outcome makes no hold.
 *
 * <p>This needs sessions that end only when their owner ends them: the workload creates them without health
 * checks or node checks and with no lock delay, so a session is never invalidated behind its holder's back (the
 * agents' reconnect_timeout, 72h, never reaps a node within a run).
 */
final class LockChecker {
  static final String NAME = "lock";

  record Hold(Op acquire, Op release, long from, long to) {
    String session() {
      return acquire.value();
    }

    String describe() {
      return acquire.describe() + (release == null ? " (never released)" : "\n      until " + release.describe());
    }
  }

  List<Anomaly> check(List<Op> history) {
    Map<String, List<Hold>> byKey = new TreeMap<>();
    for (Hold h : holds(history)) byKey.computeIfAbsent(h.acquire().key(), k -> new ArrayList<>()).add(h);
    List<Anomaly> out = new ArrayList<>();
    for (Map.Entry<String, List<Hold>> e : byKey.entrySet()) overlaps(e.getKey(), e.getValue(), out);
    return out;
  }

  static List<Hold> holds(List<Op> history) {
    Map<Integer, List<Op>> byProcess = new TreeMap<>();
    for (Op op : history) {
      if (op.kind() == ACQUIRE || op.kind() == RELEASE) {
        byProcess.computeIfAbsent(op.process(), p -> new ArrayList<>()).add(op);
      }
    }
    List<Hold> holds = new ArrayList<>();
    for (List<Op> ops : byProcess.values()) {
      ops.sort(Comparator.comparingLong(Op::invokeNanos));
      for (int i = 0; i < ops.size(); i++) {
        Op acquire = ops.get(i);
        if (acquire.kind() != ACQUIRE || !acquire.ok()) continue;
        Op release = null;
        for (int j = i + 1; j < ops.size() && release == null; j++) {
          Op later = ops.get(j);
          boolean same = later.key().equals(acquire.key()) && later.value().equals(acquire.value());
          if (later.kind() == RELEASE && same) release = later;
        }
        long to = release == null ? Long.MAX_VALUE : release.invokeNanos();
        holds.add(new Hold(acquire, release, acquire.completeNanos(), to));
      }
    }
    return holds;
  }

  /** Sweeps the holds by start time, comparing each with the ones still running when it starts. */
  private static void overlaps(String key, List<Hold> holds, List<Anomaly> out) {
    holds.sort(Comparator.comparingLong(Hold::from));
    List<Hold> running = new ArrayList<>();
    for (Hold h : holds) {
      running.removeIf(r -> r.to() <= h.from());
      for (Hold r : running) {
        if (r.session().equals(h.session()) || h.from() >= h.to()) continue;
        long until = Math.min(r.to(), h.to());
        String howLong = until == Long.MAX_VALUE ? "until the end" : String.format("for %.3fs", (until - h.from()) / 1e9);
        out.add(new Anomaly(NAME, "two sessions held " + key + " at once " + howLong + ":\n      " + r.describe()
            + "\n      " + h.describe()));
      }
      running.add(h);
    }
  }
}
