package io.consulate.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.consulate.catalog.HealthStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Consul's success/failure thresholds: what is reported after each probe result ("-" = nothing new). */
class ThresholdsTest {
  record Case(String name, int successBeforePassing, int failuresBeforeWarning, int failuresBeforeCritical,
      String results, String reported) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("defaults report every result", 0, 0, 0, "P C W C", "P C W C"),
        new Case("success_before_passing 2 needs two in a row", 2, 0, 0, "P C P P", "- C - P"),
        new Case("failures_before_critical 3 holds two failures back", 0, 0, 3, "P C C C", "P - - C"),
        new Case("failures_before_warning 1 warns first", 0, 1, 3, "C C C", "W W C"),
        new Case("a success resets the failure streak", 0, 0, 2, "C P C C", "- P - C"));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void reports(Case c) {
    Thresholds t = new Thresholds(c.successBeforePassing(), c.failuresBeforeWarning(), c.failuresBeforeCritical());
    List<String> out = new ArrayList<>();
    for (String r : c.results().split(" ")) {
      HealthStatus s = r.equals("P") ? HealthStatus.PASSING : r.equals("W") ? HealthStatus.WARNING : HealthStatus.CRITICAL;
      CheckResult reported = t.next(new CheckResult(s, ""));
      out.add(reported == null ? "-" : reported.status().wire().substring(0, 1).toUpperCase());
    }
    assertEquals(c.reported(), String.join(" ", out));
  }
}
