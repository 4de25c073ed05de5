package io.consulate.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** X-Consul-Index per client, node and view never goes back; a stale read may after that node was killed. */
class IndexCheckerTest {
  record Case(String name, int anomalies, List<IndexRead> reads, List<Fault> faults) {
    @Override
    public String toString() {
      return name;
    }
  }

  static IndexRead consistent(long index, long from) {
    return new IndexRead(0, "n1", "/v1/kv/k?consistent", false, index, from, from + 1);
  }

  static IndexRead stale(long index, long from) {
    return new IndexRead(0, "n1", "/v1/catalog/services?stale", true, index, from, from + 1);
  }

  static Fault kill(String node, long at) {
    return new Fault("kill-leader", List.of(node), true, at);
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("rising and equal -> none", 0, List.of(consistent(5, 0), consistent(5, 2), consistent(9, 4)), List.of()),
        new Case("consistent read goes back -> one", 1, List.of(consistent(9, 0), consistent(5, 2)), List.of()),
        new Case("goes back three times -> one, counted", 1,
            List.of(consistent(9, 0), consistent(5, 2), consistent(9, 4), consistent(5, 6), consistent(4, 8)), List.of()),
        new Case("stale read goes back after that node was killed -> none", 0,
            List.of(stale(9, 0), stale(5, 4)), List.of(kill("n1", 2))),
        new Case("stale read goes back after another node was killed -> one", 1,
            List.of(stale(9, 0), stale(5, 4)), List.of(kill("n2", 2))),
        new Case("stale read goes back after a partition of that node -> one", 1,
            List.of(stale(9, 0), stale(5, 4)), List.of(new Fault("isolate-leader", List.of("n1"), false, 2))),
        new Case("consistent read goes back after that node was killed -> one", 1,
            List.of(consistent(9, 0), consistent(5, 4)), List.of(kill("n1", 2))),
        new Case("different views are not compared -> none", 0, List.of(consistent(9, 0), stale(5, 2)), List.of()),
        new Case("different clients are not compared -> none", 0,
            List.of(consistent(9, 0), new IndexRead(1, "n1", "/v1/kv/k?consistent", false, 5, 2, 3)), List.of()),
        new Case("different nodes are not compared -> none", 0,
            List.of(consistent(9, 0), new IndexRead(0, "n2", "/v1/kv/k?consistent", false, 5, 2, 3)), List.of()));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void checks(Case c) {
    List<Anomaly> anomalies = new IndexChecker().check(c.reads(), c.faults());
    assertEquals(c.anomalies(), anomalies.size(), () -> anomalies.toString());
  }
}
