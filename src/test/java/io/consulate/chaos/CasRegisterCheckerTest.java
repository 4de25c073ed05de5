package io.consulate.chaos;

import static io.consulate.chaos.Op.Outcome.FAIL;
import static io.consulate.chaos.Op.Outcome.INFO;
import static io.consulate.chaos.Op.Outcome.OK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The linearizability checker on small CAS register histories, times in seconds. */
class CasRegisterCheckerTest {
  record Case(String name, boolean linearizable, List<Op> history) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static int ids;

  static Op read(String value, long from, long to) {
    return read("k", value, from, to, OK);
  }

  static Op read(String key, String value, long from, long to, Op.Outcome outcome) {
    return new Op(ids++, 0, "n1", Op.Kind.READ, key, null, value, outcome, from * 1_000_000_000L, to * 1_000_000_000L);
  }

  static Op cas(String expected, String value, long from, long to, Op.Outcome outcome) {
    return new Op(ids++, 1, "n1", Op.Kind.CAS, "k", expected, value, outcome, from * 1_000_000_000L, to * 1_000_000_000L);
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("create, read, cas, read in sequence -> linearizable", true,
            List.of(cas(null, "a", 0, 1, OK), read("a", 2, 3), cas("a", "b", 4, 5, OK), read("b", 6, 7))),
        new Case("absent key reads null before its create -> linearizable", true,
            List.of(read(null, 0, 1), cas(null, "a", 2, 3, OK), read("a", 4, 5))),
        new Case("reads during a cas see old then new -> linearizable", true,
            List.of(cas(null, "a", 0, 1, OK), cas("a", "b", 2, 10, OK), read("a", 3, 4), read("b", 5, 6))),
        new Case("reads during a cas see new then old -> not linearizable", false,
            List.of(cas(null, "a", 0, 1, OK), cas("a", "b", 2, 10, OK), read("b", 3, 4), read("a", 5, 6))),
        new Case("stale read after an acknowledged cas -> not linearizable", false,
            List.of(cas(null, "a", 0, 1, OK), cas("a", "b", 2, 3, OK), read("a", 4, 5))),
        new Case("lost acknowledged write: a second cas from the same value succeeds -> not linearizable", false,
            List.of(cas(null, "a", 0, 1, OK), cas("a", "b", 2, 3, OK), cas("a", "c", 4, 5, OK), read("c", 6, 7))),
        new Case("two acknowledged creates of one key -> not linearizable", false,
            List.of(cas(null, "a", 0, 1, OK), cas(null, "b", 0, 1, OK))),
        new Case("unknown cas that took effect -> linearizable", true,
            List.of(cas(null, "a", 0, 1, OK), cas("a", "b", 2, 3, INFO), read("b", 4, 5))),
        new Case("unknown cas that took effect after its client gave up -> linearizable", true,
            List.of(cas(null, "a", 0, 1, OK), cas("a", "b", 2, 3, INFO), read("a", 4, 5), read("b", 6, 7))),
        new Case("unknown cas that never took effect -> linearizable", true,
            List.of(cas(null, "a", 0, 1, OK), cas("a", "b", 2, 3, INFO), read("a", 4, 5), cas("a", "c", 6, 7, OK),
                read("c", 8, 9))),
        new Case("unknown cas seen before its invoke -> not linearizable", false,
            List.of(cas(null, "a", 0, 1, OK), read("b", 2, 3), cas("a", "b", 4, 5, INFO))),
        new Case("failed cas had no effect -> linearizable", true,
            List.of(cas(null, "a", 0, 1, OK), cas("a", "b", 2, 3, FAIL), read("a", 4, 5))),
        new Case("failed cas whose value shows up -> not linearizable", false,
            List.of(cas(null, "a", 0, 1, OK), cas("a", "b", 2, 3, FAIL), read("b", 4, 5))),
        new Case("read of a value never written -> not linearizable", false,
            List.of(cas(null, "a", 0, 1, OK), read("z", 2, 3))),
        new Case("unknown read says nothing -> linearizable", true,
            List.of(cas(null, "a", 0, 1, OK), read("k", "z", 2, 3, INFO))),
        new Case("keys are separate registers -> not linearizable", false,
            List.of(cas(null, "a", 0, 1, OK), read("k2", "a", 2, 3, OK))));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void checks(Case c) {
    List<Anomaly> anomalies = new CasRegisterChecker(100_000).check(c.history());
    assertEquals(c.linearizable(), anomalies.isEmpty(), () -> anomalies.toString());
  }

  @Test
  void givingUpIsReportedNotPassed() {
    List<Op> history = List.of(cas(null, "a", 0, 1, OK), read("a", 2, 3), cas("a", "b", 4, 5, OK), read("b", 6, 7));
    List<Anomaly> anomalies = new CasRegisterChecker(2).check(history);
    assertEquals(1, anomalies.size());
    assertTrue(anomalies.get(0).detail().contains("gave up"), anomalies.get(0).detail());
  }

  /** Long concurrent histories of a real atomic register, with unknown ops of both fates, pass quickly. */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void longHistoriesOfAnAtomicRegisterPass(int seed) {
    List<Op> history = atomicRegister(new Random(seed), 6, 3000);
    assertEquals(List.of(), new CasRegisterChecker(1_000_000).check(history));
  }

  /** The same histories with one read made stale (a value overwritten before it began) fail, and quickly. */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void aStaleReadPlantedInALongHistoryIsFound(int seed) {
    List<Op> history = new ArrayList<>(atomicRegister(new Random(seed), 6, 3000));
    Op overwrite = history.stream().filter(op -> op.kind() == Op.Kind.CAS && op.ok() && op.expected() != null)
        .skip(100).findFirst().orElseThrow();
    int at = history.size() / 2;
    while (history.get(at).kind() != Op.Kind.READ || history.get(at).invokeNanos() <= overwrite.completeNanos()) at++;
    Op read = history.get(at);
    history.set(at, new Op(read.id(), read.process(), read.node(), read.kind(), read.key(), null, overwrite.expected(),
        OK, read.invokeNanos(), read.completeNanos()));
    List<Anomaly> anomalies = new CasRegisterChecker(1_000_000).check(history);
    assertEquals(1, anomalies.size());
    assertTrue(anomalies.get(0).detail().contains("not linearizable"), anomalies.get(0).detail());
  }

  /**
   * Six clients each run reads and CAS in sequence; every op takes effect at one instant inside its interval,
   * applied to one register in instant order. A tenth of the CAS are unknown: applied or not, and the client's
   * record ends early or late.
   */
  static List<Op> atomicRegister(Random random, int clients, int opsPerClient) {
    record Planned(int client, boolean cas, long from, long at, long to) {}
    List<Planned> planned = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      long t = random.nextInt(100);
      for (int i = 0; i < opsPerClient; i++) {
        long from = t + 1 + random.nextInt(50);
        long at = from + random.nextInt(100);
        long to = at + random.nextInt(100);
        planned.add(new Planned(c, random.nextBoolean(), from, at, to));
        t = to;
      }
    }
    planned.sort((a, b) -> Long.compare(a.at(), b.at()));
    List<Op> ops = new ArrayList<>();
    String value = null;
    String[] lastRead = new String[clients];
    int n = 0;
    for (Planned p : planned) {
      if (!p.cas()) {
        ops.add(new Op(n++, p.client(), "n1", Op.Kind.READ, "k", null, value, OK, p.from(), p.to()));
        lastRead[p.client()] = value;
        continue;
      }
      String next = "v" + n;
      boolean unknown = random.nextInt(10) == 0;
      boolean applies = value == null ? lastRead[p.client()] == null : value.equals(lastRead[p.client()]);
      if (unknown && random.nextBoolean()) applies = false;
      Op.Outcome outcome = unknown ? INFO : applies ? OK : FAIL;
      ops.add(new Op(n++, p.client(), "n1", Op.Kind.CAS, "k", lastRead[p.client()], next, outcome, p.from(), p.to()));
      if (applies) value = next;
    }
    return ops;
  }
}
