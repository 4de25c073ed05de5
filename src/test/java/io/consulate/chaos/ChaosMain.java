package io.consulate.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One chaos run against the 3 servers run.sh started: the workload, faults each followed by its undo and an
 * agreement check, the final reads, the checkers, and the summary. Exits 1 on any anomaly.
 *
 * <p>Usage: {@code ChaosMain short|long <dir> <run.sh>}; {@code -Dchaos.seed=N} replays a fault order.
 */
public final class ChaosMain {
  private static final List<String> NODES = List.of("n1", "n2", "n3");
  /** After a heal or restart the nodes must serve the same data within this, writes paused. */
  private static final Duration AGREE = Duration.ofSeconds(10);
  /** Least polling time left for agreement, even if draining the in-flight writes ate into {@link #AGREE}. */
  private static final Duration AGREE_POLL_MIN = Duration.ofSeconds(2);
  private static final long DRAIN_MILLIS = 5_000;
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);
  private static final long CAS_SEARCH_BUDGET = 3_000_000;
  private static final int SHOWN_PER_CHECKER = 5;

  /** How a mode spaces its faults; {@code run} bounds the fault loop of a long run. */
  private record Plan(Duration run, int holdMin, int holdMax, int calmMin, int calmMax) {}

  private final Path dir;
  private final boolean longRun;
  private final long seed = Long.getLong("chaos.seed", System.currentTimeMillis());
  private final History history = new History();
  private final ConsulHttp http = new ConsulHttp(REQUEST_TIMEOUT);
  private final WriteGate gate = new WriteGate();
  private final Agreement agreement = new Agreement(http);
  private final Nemesis nemesis;
  private final Faults faults;
  private final List<Anomaly> anomalies = new ArrayList<>();
  private final List<String> injected = new ArrayList<>();

  private ChaosMain(boolean longRun, Path dir, Path runScript) {
    this.longRun = longRun;
    this.dir = dir;
    this.nemesis = new Nemesis(dir, runScript, http);
    this.faults = new Faults(nemesis, NODES, history::now);
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 3 || !List.of("short", "long").contains(args[0])) {
      System.err.println("usage: ChaosMain short|long <dir> <run.sh>");
      System.exit(2);
    }
    System.exit(new ChaosMain(args[0].equals("long"), Path.of(args[1]), Path.of(args[2])).run());
  }

  private int run() throws Exception {
    Plan plan = longRun ? new Plan(Duration.ofMinutes(10), 5, 15, 3, 10) : new Plan(Duration.ZERO, 6, 6, 3, 3);
    log("seed " + seed + ", " + (longRun ? "long" : "short") + " run, nodes " + NODES);
    Workload workload = Workload.start(NODES, http, history, gate, seed);
    log(workload.clients() + " clients running");
    Thread.sleep(4_000);
    Random random = new Random(seed);
    if (longRun) {
      long end = System.nanoTime() + plan.run().toNanos();
      while (System.nanoTime() < end) {
        fault(Faults.LONG.get(random.nextInt(Faults.LONG.size())), between(random, plan.holdMin(), plan.holdMax()));
        Thread.sleep(between(random, plan.calmMin(), plan.calmMax()));
      }
    } else {
      for (String name : Faults.SHORT) {
        fault(name, plan.holdMin() * 1000L);
        Thread.sleep(plan.calmMin() * 1000L);
      }
    }
    workload.stop();
    nemesis.heal();
    log("workload stopped");
    agree("at the end", history.now());
    Map<String, Set<String>> registrations = new LinkedHashMap<>();
    for (String node : NODES) registrations.put(node, agreement.registrations(node));
    check(registrations);
    writeHistory();
    summarize();
    return anomalies.isEmpty() ? 0 : 1;
  }

  private static long between(Random random, int minSeconds, int maxSeconds) {
    return 1000L * (minSeconds + random.nextInt(maxSeconds - minSeconds + 1));
  }

  /** Injects one fault, holds it, undoes it and checks that the nodes agree again. */
  private void fault(String name, long holdMillis) throws Exception {
    Faults.Injected f = faults.inject(name);
    history.fault(f.fault());
    injected.add(name);
    log(name + ": " + f.what());
    Thread.sleep(holdMillis);
    long healing = history.now();
    String problem = f.undo().run();
    long undone = history.now();
    if (problem != null) anomaly(new Anomaly(Agreement.NAME, problem));
    log(name + " undone: " + (f.fault().killed() ? f.fault().nodes() + " restarted and knows a leader" : "healed"));
    agree("after " + name, undone);
    // After the agreement check, when the writes sent during the cut have completed.
    if (!f.fault().killed()) log(Availability.during(history.ops(), f.fault(), healing));
  }

  /** Pauses writes, waits for the ones in flight, then polls the nodes until they agree or the deadline passes. */
  private void agree(String when, long sinceNanos) throws InterruptedException {
    boolean drained = gate.pause(DRAIN_MILLIS);
    try {
      Duration left = AGREE.minusNanos(history.now() - sinceNanos);
      if (left.compareTo(AGREE_POLL_MIN) < 0) left = AGREE_POLL_MIN;
      Optional<String> difference = agreement.await(NODES, left);
      double took = (history.now() - sinceNanos) / 1e9;
      if (difference.isEmpty()) {
        log(String.format("nodes agree %s (%.1f s)", when, took));
      } else {
        anomaly(new Anomaly(Agreement.NAME, String.format("nodes still differ %s, %.1f s later%s:%n      %s", when,
            took, drained ? "" : " (some writes were still in flight)", difference.get())));
      }
    } finally {
      gate.resume();
    }
  }

  private void anomaly(Anomaly a) {
    anomalies.add(a);
    log("ANOMALY [" + a.checker() + "] " + a.detail().lines().findFirst().orElse("") + " (details at the end)");
  }

  private void check(Map<String, Set<String>> registrations) {
    List<Op> ops = history.ops();
    long start = System.nanoTime();
    anomalies.addAll(new CasRegisterChecker(CAS_SEARCH_BUDGET).check(ops));
    anomalies.addAll(new LockChecker().check(ops));
    anomalies.addAll(new RegistrationChecker().check(ops, registrations));
    anomalies.addAll(new IndexChecker().check(history.indexes(), history.faults()));
    log(String.format("checked %d operations and %d index reads in %d ms", ops.size(), history.indexes().size(),
        (System.nanoTime() - start) / 1_000_000));
  }

  private void writeHistory() throws IOException {
    List<String> lines = new ArrayList<>();
    for (Fault f : history.faults()) {
      lines.add(String.format("fault %s %s at %.3fs", f.name(), f.nodes(), f.startNanos() / 1e9));
    }
    for (Op op : history.ops()) lines.add(op.describe());
    Files.write(dir.resolve("history.txt"), lines);
  }

  /** Prints the first anomalies of each checker (all are in anomalies.txt), then the summary line. */
  private void summarize() throws IOException {
    List<Op> ops = history.ops();
    Map<Op.Outcome, Long> by = ops.stream().collect(Collectors.groupingBy(Op::outcome, Collectors.counting()));
    Map<String, Integer> shown = new LinkedHashMap<>();
    List<String> all = new ArrayList<>();
    for (int i = 0; i < anomalies.size(); i++) {
      Anomaly a = anomalies.get(i);
      String line = "chaos: anomaly " + (i + 1) + "/" + anomalies.size() + " [" + a.checker() + "] " + a.detail();
      all.add(line);
      if (shown.merge(a.checker(), 1, Integer::sum) <= SHOWN_PER_CHECKER) System.out.println(line);
    }
    shown.forEach((checker, count) -> {
      if (count > SHOWN_PER_CHECKER) {
        System.out.println("chaos: ... and " + (count - SHOWN_PER_CHECKER) + " more [" + checker + "] anomalies");
      }
    });
    Files.write(dir.resolve("anomalies.txt"), all);
    System.out.printf("chaos: %d operations (%d ok, %d fail, %d info), %d faults (%s), %d anomalies%n", ops.size(),
        by.getOrDefault(Op.Outcome.OK, 0L), by.getOrDefault(Op.Outcome.FAIL, 0L), by.getOrDefault(Op.Outcome.INFO, 0L),
        injected.size(), String.join(", ", injected), anomalies.size());
    System.out.println("chaos: history.txt, anomalies.txt and node logs n*.log in " + dir + "; seed " + seed);
  }

  private void log(String message) {
    System.out.printf("chaos: +%6.1fs %s%n", history.now() / 1e9, message);
    System.out.flush();
  }
}
