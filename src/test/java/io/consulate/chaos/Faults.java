package io.consulate.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The named faults of a run. Each picks its target from the cluster as it is at that moment (the leader is
 * whatever {@code /v1/status/leader} names), breaks it, and returns how to undo it: a heal, or a restart of the
 * killed node with the same command and data dir.
 */
final class Faults {
  /** The faults of a short run, each once in this order. */
  static final List<String> SHORT = List.of("kill-leader", "isolate-leader", "kill-follower", "split-1-23");
  /** A long run draws from these: also a cut-off follower, and all three killed at once (durability on disk). */
  static final List<String> LONG = List.of("kill-leader", "isolate-leader", "kill-follower", "split-1-23",
      "isolate-follower", "kill-all");
  /** How long a restarted node may take to start, rejoin and know a leader again. */
  static final Duration REJOIN = Duration.ofSeconds(60);

  /** Undoes a fault; returns null when done, or what went wrong (a node that never came back). */
  interface Undo {
    String run() throws Exception;
  }

  record Injected(Fault fault, String what, Undo undo) {}

  private final Nemesis nemesis;
  private final List<String> nodes;
  /** The history's clock, nanoseconds since it began. */
  private final LongSupplier clock;

  Faults(Nemesis nemesis, List<String> nodes, LongSupplier clock) {
    this.nemesis = nemesis;
    this.nodes = nodes;
    this.clock = clock;
  }

  Injected inject(String name) throws Exception {
    Optional<String> leader = nemesis.leader(nodes);
    // Without a leader (it should not happen after a heal) the fault still runs, on the first node.
    String target = leader.orElse(nodes.get(0));
    String which = leader.isPresent() ? "" : " (no leader known: first node instead)";
    String follower = nodes.stream().filter(n -> !n.equals(target)).findFirst().orElseThrow();
    switch (name) {
      case "kill-leader":
        return kill(name, List.of(target), "kill -9 " + target + ", the leader" + which);
      case "kill-follower":
        return kill(name, List.of(follower), "kill -9 " + follower + ", a follower of " + target);
      case "kill-all":
        return kill(name, nodes, "kill -9 " + nodes);
      case "isolate-follower":
        return cut(name, List.of(follower), "cut " + follower + ", a follower of " + target + ", off from the others");
      case "isolate-leader":
        return cut(name, List.of(target), "cut " + target + ", the leader" + which + ", off from the others");
      case "split-1-23":
        return cut(name, List.of(nodes.get(0)), "cut " + nodes.get(0) + " off from " + nodes.subList(1, nodes.size()));
      default:
        throw new IllegalArgumentException("unknown fault " + name);
    }
  }

  private Injected kill(String name, List<String> killed, String what) throws Exception {
    for (String node : killed) nemesis.kill(node);
    // Stamped once the processes are gone: the index checker excuses a stale read that spans the death.
    return new Injected(new Fault(name, killed, true, clock.getAsLong()), what, () -> {
      for (String node : killed) nemesis.restart(node);
      long deadline = System.nanoTime() + REJOIN.toNanos();
      for (String node : killed) {
        while (!nemesis.knowsLeader(node)) {
          if (System.nanoTime() > deadline) {
            return node + " did not answer with a leader within " + REJOIN.toSeconds() + " s of its restart";
          }
          Thread.sleep(250);
        }
      }
      return null;
    });
  }

  private Injected cut(String name, List<String> side, String what) throws Exception {
    List<String> rest = new ArrayList<>(nodes);
    rest.removeAll(side);
    nemesis.partition(List.of(side, rest));
    return new Injected(new Fault(name, side, false, clock.getAsLong()), what, () -> {
      nemesis.heal();
      return null;
    });
  }
}
