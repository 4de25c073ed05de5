package io.consulate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.catalog.CatalogException;
import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.IndexKeys;
import io.consulate.catalog.Node;
import io.consulate.catalog.ServiceInstance;
import io.consulate.catalog.Weights;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Catalog writes through the real pipeline (a Raft group of one): read-your-writes, index rules, idempotence. */
class StoreCatalogTest {
  private LoneStore lone;

  @BeforeEach
  void open() throws Exception {
    lone = new LoneStore(Clock.systemUTC(), null);
  }

  @AfterEach
  void close() {
    lone.close();
  }

  private long write(CatalogOp... ops) throws Exception {
    return lone.submit(CatalogCommand.of(ops)).index();
  }

  private static CatalogOp node(String name, String addr) {
    return new CatalogOp.RegisterNode(new Node(name, "id-" + name, addr, "dc1", Map.of(), Map.of(), 0, 0));
  }

  private static CatalogOp svc(String node, String id, String name, int port) {
    return new CatalogOp.RegisterService(new ServiceInstance(node, id, name, List.of(), "", port, Map.of(),
        Weights.DEFAULT, false, 0, 0), List.of(), false);
  }

  @Test
  void aWriteIsInTheSnapshotWhenItsStageCompletes() throws Exception {
    long index = write(node("n1", "10.0.0.1"));
    CatalogSnapshot snap = lone.store.snapshot();
    assertEquals(index, snap.index());
    assertEquals("10.0.0.1", snap.node("N1").address());
    assertEquals(index, snap.node("n1").createIndex());
  }

  @Test
  void indexesAreConsecutiveAndAnUnchangedReRegistrationKeepsThem() throws Exception {
    long nodeIndex = write(node("n1", "10.0.0.1"));
    long first = write(svc("n1", "web-1", "web", 80));
    assertEquals(nodeIndex + 1, first, "each write that changes something takes the next index");
    long again = write(svc("n1", "web-1", "web", 80));
    assertEquals(first, again);
    assertEquals(first, lone.store.snapshot().service("n1", "web-1").modifyIndex());
    assertEquals(first + 1, write(svc("n1", "web-2", "web", 81)), "a no-op consumed no index");
  }

  @Test
  void serviceIndexMovesOnlyForItsOwnService() throws Exception {
    write(node("n1", "10.0.0.1"));
    long web = write(svc("n1", "web-1", "web", 80));
    long db = write(svc("n1", "db-1", "db", 5432));
    CatalogSnapshot snap = lone.store.snapshot();
    assertEquals(web, snap.index(IndexKeys.service("web"), IndexKeys.SERVICES));
    assertEquals(db, snap.index(IndexKeys.service("db"), IndexKeys.SERVICES));
    long gone = write(new CatalogOp.Deregister("n1", "web-1", ""));
    snap = lone.store.snapshot();
    assertEquals(gone, snap.index(IndexKeys.service("web"), IndexKeys.SERVICES));
    assertTrue(snap.services("web").isEmpty());
    assertNull(snap.service("n1", "web-1"));
    assertEquals(db, snap.index(IndexKeys.service("db"), IndexKeys.SERVICES));
  }

  @Test
  void aRefusedWriteFailsWithTheRuleAndStoresNothing() throws Exception {
    long before = write(node("n1", "10.0.0.1"));
    ExecutionException e = assertThrows(ExecutionException.class, () -> write(svc("nowhere", "x", "x", 1)));
    assertTrue(e.getCause() instanceof CatalogException, String.valueOf(e.getCause()));
    assertEquals("Unknown node \"nowhere\"", e.getCause().getMessage());
    assertEquals(before, lone.store.snapshot().index());
    assertEquals(before, lone.store.barrier().toCompletableFuture().get(), "a barrier moves no index");
  }
}
