package io.consulate.chaos;

import static io.consulate.chaos.Op.Outcome.FAIL;
import static io.consulate.chaos.Op.Outcome.INFO;
import static io.consulate.chaos.Op.Outcome.OK;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Lock holds from acquire-ok to release-invoke; only two acknowledged holds of different sessions may clash. */
class LockCheckerTest {
  record Case(String name, int anomalies, List<Op> history) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static int ids;

  /** Process p uses session "s<p>". */
  static Op acquire(int process, long from, long to, Op.Outcome outcome) {
    return op(process, Op.Kind.ACQUIRE, from, to, outcome);
  }

  static Op release(int process, long from, long to, Op.Outcome outcome) {
    return op(process, Op.Kind.RELEASE, from, to, outcome);
  }

  private static Op op(int process, Op.Kind kind, long from, long to, Op.Outcome outcome) {
    return new Op(ids++, process, "n1", kind, "lock", null, "s" + process, outcome, from, to);
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("one holder after another -> none", 0,
            List.of(acquire(1, 0, 1, OK), release(1, 5, 6, OK), acquire(2, 6, 7, OK), release(2, 8, 9, OK))),
        new Case("acquire acknowledged after the holder began its release -> none", 0,
            List.of(acquire(1, 0, 1, OK), release(1, 5, 6, OK), acquire(2, 3, 6, OK), release(2, 8, 9, OK))),
        new Case("two acknowledged holds overlap -> one", 1,
            List.of(acquire(1, 0, 1, OK), release(1, 5, 6, OK), acquire(2, 2, 3, OK), release(2, 4, 5, OK))),
        new Case("a hold never released overlaps a later one -> one", 1,
            List.of(acquire(1, 0, 1, OK), acquire(2, 5, 6, OK), release(2, 7, 8, OK))),
        new Case("an acquire of unknown outcome during a hold -> none", 0,
            List.of(acquire(1, 0, 1, OK), release(1, 5, 6, OK), acquire(2, 2, 3, INFO), release(2, 4, 5, OK))),
        new Case("a refused acquire during a hold -> none", 0,
            List.of(acquire(1, 0, 1, OK), release(1, 5, 6, OK), acquire(2, 2, 3, FAIL))),
        new Case("a release that timed out ends the hold at its invoke -> none", 0,
            List.of(acquire(1, 0, 1, OK), release(1, 2, 10, INFO), acquire(2, 3, 4, OK), release(2, 5, 6, OK))),
        new Case("one session acquiring again while it holds -> none", 0,
            List.of(acquire(1, 0, 1, OK), acquire(1, 2, 3, OK), release(1, 4, 5, OK))));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void checks(Case c) {
    List<Anomaly> anomalies = new LockChecker().check(c.history());
    assertEquals(c.anomalies(), anomalies.size(), () -> anomalies.toString());
  }
}
