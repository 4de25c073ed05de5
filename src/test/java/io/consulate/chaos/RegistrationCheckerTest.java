package io.consulate.chaos;

import static io.consulate.chaos.Op.Outcome.FAIL;
import static io.consulate.chaos.Op.Outcome.INFO;
import static io.consulate.chaos.Op.Outcome.OK;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Registrations at the end: acknowledged ones everywhere, nothing unattempted or definitely failed anywhere. */
class RegistrationCheckerTest {
  record Case(String name, List<Op> history, Set<String> onN1, Set<String> onN2, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static int ids;

  static Op register(String id, Op.Outcome outcome) {
    return new Op(ids++, 0, "n1", Op.Kind.REGISTER, null, null, id, outcome, 0, 1);
  }

  static Stream<Case> cases() {
    List<Op> okAndUnknown = List.of(register("r1", OK), register("r2", INFO));
    return Stream.of(
        new Case("acknowledged everywhere, unknown on one node -> none", okAndUnknown,
            Set.of("r1", "r2"), Set.of("r1"), ""),
        new Case("acknowledged registration lost on n2 -> lost", okAndUnknown,
            Set.of("r1"), Set.of(), "registration: n2 lost acknowledged registrations: 1 of 1, e.g. r1"),
        new Case("a registration never attempted -> never attempted", okAndUnknown,
            Set.of("r1", "x"), Set.of("r1"), "registration: n1 serves registrations never attempted: 1 of 2, e.g. x"),
        new Case("a definitely failed registration took effect -> failed", List.of(register("r1", OK),
            register("r3", FAIL)), Set.of("r1"), Set.of("r1", "r3"),
            "registration: n2 serves registrations whose request definitely failed: 1 of 1, e.g. r3"),
        new Case("n2 unreadable -> could not be read", okAndUnknown,
            Set.of("r1"), null, "registration: n2 could not be read at the end"));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void checks(Case c) {
    Map<String, Set<String>> present = new HashMap<>();
    present.put("n1", c.onN1());
    present.put("n2", c.onN2());
    List<Anomaly> anomalies = new RegistrationChecker().check(c.history(), present);
    assertEquals(c.expected(), String.join("\n", anomalies.stream().map(Anomaly::toString).toList()));
  }
}
