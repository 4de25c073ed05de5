package io.consulate.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.infinispan.Cache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Index-table entries only move forward, whatever order concurrent writers store them in. */
class IndexEntriesTest {
  private final LocalCaches caches = new LocalCaches(null);
  private final Cache<String, String> cache = caches.cache("index-test");

  @AfterEach
  void close() {
    caches.close();
  }

  @Test
  void aSlowerWriterWithAnOlderIndexDoesNotMoveAViewBackwards() {
    IndexEntries.raiseAll(cache, Map.of("i/nodes", 7L, "i/services", 3L)).join();
    IndexEntries.raiseAll(cache, Map.of("i/nodes", 5L, "i/services", 6L)).join();
    assertEquals("7", cache.get("i/nodes"), "an older stamp is ignored");
    assertEquals("6", cache.get("i/services"), "a newer stamp wins");
  }
}
