package io.consulate.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.Node;
import io.consulate.catalog.RandomWrites;
import io.consulate.catalog.ServiceInstance;
import io.consulate.store.SnapshotPublisher;
import java.time.Clock;
import java.util.HashSet;
import java.util.NavigableMap;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The feed, which looks only at what each update touched, reports exactly what a comparison of the whole
 * catalog before and after finds: every node and instance that came or went, every check that changed state.
 */
class ChangeFeedTest {

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 42, 1234})
  void reportsWhatAFullComparisonFinds(long seed) {
    Random rnd = new Random(seed);
    NavigableMap<String, Object> entries = new TreeMap<>();
    SnapshotPublisher<CatalogSnapshot> publisher = new SnapshotPublisher<>(CatalogSnapshot.EMPTY);
    ChangeFeed feed = new ChangeFeed(publisher, Clock.systemUTC());
    for (int step = 0; step < 400; step++) {
      Set<String> keys = new HashSet<>();
      for (int i = 1 + rnd.nextInt(6); i > 0; i--) keys.add(RandomWrites.change(rnd, entries, step + 1));
      CatalogSnapshot before = publisher.current();
      long seq = feed.lastSeq();
      publisher.publish(before.update(entries, keys));
      Set<String> reported = new HashSet<>();
      for (Change c : feed.since(seq, ChangeFeed.CAPACITY)) {
        reported.add(c.kind() + " " + c.node().toLowerCase() + " " + (c.kind().equals("health") ? c.check() + " " + c.to()
            : c.serviceId()));
      }
      assertEquals(everyDifference(before, publisher.current()), reported, "seed " + seed + " step " + step);
    }
  }

  private static Set<String> everyDifference(CatalogSnapshot before, CatalogSnapshot after) {
    Set<String> out = new HashSet<>();
    for (String node : RandomWrites.NODES) {
      String n = node.toLowerCase();
      Node was = before.node(node);
      Node is = after.node(node);
      if (was == null && is != null) out.add("node-registered " + n + " null");
      if (was != null && is == null) out.add("node-deregistered " + n + " null");
      for (ServiceInstance s : after.servicesOnNode(node)) {
        if (before.service(node, s.id()) == null) out.add("registered " + n + " " + s.id());
      }
      for (ServiceInstance s : before.servicesOnNode(node)) {
        if (after.service(node, s.id()) == null) out.add("deregistered " + n + " " + s.id());
      }
      for (HealthCheck c : after.checksOnNode(node)) {
        HealthCheck old = before.check(node, c.checkId());
        if (old != null && old.status() != c.status()) out.add("health " + n + " " + c.name() + " " + c.status().wire());
        if (was != null && old == null && c.type().equals("maintenance")) out.add("maintenance-on " + n + " " + c.serviceId());
      }
      for (HealthCheck c : before.checksOnNode(node)) {
        // A node that came or went is reported as such, not check by check.
        if (is != null && was != null && after.check(node, c.checkId()) == null && c.type().equals("maintenance")) {
          out.add("maintenance-off " + n + " " + c.serviceId());
        }
      }
    }
    return out;
  }
}
