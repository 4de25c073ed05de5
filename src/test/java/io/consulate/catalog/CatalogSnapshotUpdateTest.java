package io.consulate.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Incremental snapshots are an optimisation only: after every random write, the snapshot updated from the
 * previous one must read exactly like one built from scratch.
 */
class CatalogSnapshotUpdateTest {
  private static final String[] NODES = RandomWrites.NODES;
  private static final String[] NAMES = RandomWrites.NAMES;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 42, 1234})
  void incrementalEqualsFullBuild(long seed) {
    Random rnd = new Random(seed);
    NavigableMap<String, Object> entries = new TreeMap<>();
    CatalogSnapshot snap = CatalogSnapshot.EMPTY;
    for (int step = 0; step < 400; step++) {
      Set<String> keys = new java.util.HashSet<>();
      int batch = 1 + rnd.nextInt(6); // the store applies a batch of commands as one update
      for (int i = 0; i < batch; i++) keys.add(RandomWrites.change(rnd, entries, step + 1));
      String key = keys.toString();
      snap = snap.update(entries, keys);
      CatalogSnapshot full = CatalogSnapshot.EMPTY.update(entries, entries.keySet());
      assertSameReads("seed " + seed + " step " + step + " key " + key, full, snap);
      assertSameWriterReads("seed " + seed + " step " + step, full, new LiveCatalog(entries));
    }
  }

  /** What the write rules read: the writer's live view answers as the snapshot does, for every node that exists. */
  private static void assertSameWriterReads(String where, CatalogReads want, CatalogReads got) {
    for (String node : NODES) {
      assertEquals(want.node(node), got.node(node), where + " node " + node);
      if (want.node(node) == null) continue; // the store never holds entries of a missing node; this test does
      assertEquals(want.servicesOnNode(node), got.servicesOnNode(node), where + " services on " + node);
      assertEquals(want.checksOnNode(node), got.checksOnNode(node), where + " checks on " + node);
      for (ServiceInstance s : want.servicesOnNode(node)) assertEquals(s, got.service(node, s.id()), where);
      for (HealthCheck c : want.checksOnNode(node)) assertEquals(c, got.check(node.toUpperCase(), c.checkId()), where);
    }
  }

  private static void assertSameReads(String where, CatalogSnapshot want, CatalogSnapshot got) {
    assertEquals(want.index(), got.index(), where);
    assertEquals(want.indexTable(), got.indexTable(), where);
    assertEquals(want.nodes(), got.nodes(), where);
    assertEquals(want.serviceTags(), got.serviceTags(), where);
    assertEquals(want.checks(), got.checks(), where);
    for (String name : NAMES) {
      assertEquals(want.services(name), got.services(name), where + " services " + name);
      assertEquals(want.health(name), got.health(name), where + " health " + name);
    }
    for (String node : NODES) {
      assertEquals(want.servicesOnNode(node), got.servicesOnNode(node), where + " on " + node);
      assertEquals(want.checksOnNode(node), got.checksOnNode(node), where + " checks on " + node);
      for (int i = 0; i < 3; i++) {
        assertEquals(want.nodeByAddress("10.0.0." + i), got.nodeByAddress("10.0.0." + i), where);
        assertEquals(want.serviceByAddress("10.1.0." + i), got.serviceByAddress("10.1.0." + i), where);
      }
    }
  }
}
