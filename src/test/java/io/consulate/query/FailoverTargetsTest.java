package io.consulate.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Failover order as Consul's queryFailover builds it: the NearestN nearest others first, then the listed ones in
 * their order; never the local datacenter, never an unknown one, never one twice.
 */
class FailoverTargetsTest {
  /** Known datacenters nearest first, as the WAN pool measures them from dc1. */
  private static final List<String> NEAREST = List.of("dc1", "dc3", "dc2", "dc4");

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(0, List.of(), List.of()),
        Arguments.of(2, List.of(), List.of("dc3", "dc2")),
        Arguments.of(9, List.of(), List.of("dc3", "dc2", "dc4")),
        Arguments.of(0, List.of("dc4", "dc2"), List.of("dc4", "dc2")),
        Arguments.of(1, List.of("dc4", "dc3"), List.of("dc3", "dc4")),
        Arguments.of(0, List.of("dc1", "dc9", "DC2"), List.of("dc2")));
  }

  @ParameterizedTest(name = "NearestN {0}, Datacenters {1} -> {2}")
  @MethodSource("cases")
  void order(int nearestN, List<String> listed, List<String> expected) {
    QueryDefinition.Service q = new QueryDefinition.Service("web", nearestN, listed, false, List.of(), "", List.of(),
        Map.of(), Map.of(), false);
    assertEquals(expected, FailoverTargets.of(q, NEAREST, "dc1"));
  }
}
