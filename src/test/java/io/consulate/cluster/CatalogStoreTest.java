package io.consulate.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.CatalogWrites;
import io.consulate.catalog.IndexKeys;
import io.consulate.catalog.Node;
import io.consulate.catalog.ServiceInstance;
import io.consulate.catalog.Weights;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The write path against a real (local) Infinispan cache: read-your-writes, index rules, idempotence. */
class CatalogStoreTest {
  private Caches caches;
  private CatalogStore store;

  @BeforeEach
  void open() {
    caches = new LocalCaches(null);
    store = new CatalogStore(caches.cache(Caches.CATALOG), new LocalIndexCounter(0));
  }

  @AfterEach
  void close() {
    store.close();
    caches.close();
  }

  private long write(CatalogStore.Command c) throws Exception {
    return store.write(c).toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static Node node(String name, String addr) {
    return new Node(name, "id-" + name, addr, "dc1", Map.of(), Map.of(), 0, 0);
  }

  private static ServiceInstance svc(String node, String id, String name, int port, String... tags) {
    return new ServiceInstance(node, id, name, List.of(tags), "", port, Map.of(), Weights.DEFAULT, false, 0, 0);
  }

  @Test
  void aWriteIsInTheSnapshotWhenItsStageCompletes() throws Exception {
    long index = write((b, s) -> CatalogWrites.registerNode(b, s, node("n1", "10.0.0.1")));
    CatalogSnapshot snap = store.snapshot();
    assertEquals(index, snap.index());
    assertEquals("10.0.0.1", snap.node("N1").address());
    assertEquals(index, snap.node("n1").createIndex());
  }

  @Test
  void unchangedReRegistrationKeepsIndexes() throws Exception {
    write((b, s) -> CatalogWrites.registerNode(b, s, node("n1", "10.0.0.1")));
    long first = write((b, s) -> CatalogWrites.registerService(b, s, svc("n1", "web-1", "web", 80), List.of(), false));
    long again = write((b, s) -> CatalogWrites.registerService(b, s, svc("n1", "web-1", "web", 80), List.of(), false));
    assertEquals(first, again);
    assertEquals(first, store.snapshot().service("n1", "web-1").modifyIndex());
  }

  @Test
  void serviceIndexMovesOnlyForItsOwnService() throws Exception {
    write((b, s) -> CatalogWrites.registerNode(b, s, node("n1", "10.0.0.1")));
    long web = write((b, s) -> CatalogWrites.registerService(b, s, svc("n1", "web-1", "web", 80), List.of(), false));
    long db = write((b, s) -> CatalogWrites.registerService(b, s, svc("n1", "db-1", "db", 5432), List.of(), false));
    CatalogSnapshot snap = store.snapshot();
    assertEquals(web, snap.index(IndexKeys.service("web"), IndexKeys.SERVICES));
    assertEquals(db, snap.index(IndexKeys.service("db"), IndexKeys.SERVICES));
    long gone = write((b, s) -> CatalogWrites.deregisterService(b, s, "n1", "web-1"));
    snap = store.snapshot();
    assertEquals(gone, snap.index(IndexKeys.service("web"), IndexKeys.SERVICES));
    assertTrue(snap.services("web").isEmpty());
    assertNull(snap.service("n1", "web-1"));
    assertEquals(db, snap.index(IndexKeys.service("db"), IndexKeys.SERVICES));
  }
}
