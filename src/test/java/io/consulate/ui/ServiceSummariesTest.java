package io.consulate.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.RandomWrites;
import io.consulate.store.SnapshotPublisher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.NavigableMap;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Summaries kept up to date write by write read exactly like summaries of the snapshot built from scratch. */
class ServiceSummariesTest {

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 42, 1234})
  void maintainedEqualsRebuilt(long seed) {
    Random rnd = new Random(seed);
    NavigableMap<String, Object> entries = new TreeMap<>();
    SnapshotPublisher<CatalogSnapshot> publisher = new SnapshotPublisher<>(CatalogSnapshot.EMPTY);
    ServiceSummaries maintained = new ServiceSummaries(publisher);
    for (int step = 0; step < 400; step++) {
      Set<String> keys = new HashSet<>();
      for (int i = 1 + rnd.nextInt(6); i > 0; i--) keys.add(RandomWrites.change(rnd, entries, step + 1));
      CatalogSnapshot next = publisher.current().update(entries, keys);
      publisher.publish(next);
      CatalogSnapshot full = CatalogSnapshot.EMPTY.update(entries, entries.keySet());
      assertEquals(new ArrayList<>(new ServiceSummaries(new SnapshotPublisher<>(full)).of(full)),
          new ArrayList<>(maintained.of(next)), "seed " + seed + " step " + step);
    }
  }
}
