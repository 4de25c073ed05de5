package io.consulate.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.HealthStatus;
import io.consulate.cluster.Caches;
import io.consulate.cluster.LocalCaches;
import io.consulate.cluster.LocalIndexCounter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Session expiry and invalidation with an injected clock: no sleeping. */
class SessionReaperTest {
  private final MutableClock clock = new MutableClock();
  private Caches caches;
  private KvStore store;
  private CatalogSnapshot catalog = SessionFixtures.catalog(HealthStatus.PASSING);
  private SessionReaper reaper;

  @BeforeEach
  void open() {
    caches = new LocalCaches(null);
    store = new KvStore(caches.cache(KvStore.KV_CACHE), caches.cache(KvStore.SESSION_CACHE), new LocalIndexCounter(0),
        clock);
    reaper = new SessionReaper(store, () -> catalog);
  }

  @AfterEach
  void close() {
    store.close();
    caches.close();
  }

  private <R> R write(KvStore.Command<R> c) throws Exception {
    return store.write(c).toCompletableFuture().get(5, TimeUnit.SECONDS).value();
  }

  private String create(String ttl, Session.Behavior behavior) throws Exception {
    Session s = SessionFixtures.session("s", ttl, behavior);
    return write(c -> SessionOps.create(c, s, catalog)).id();
  }

  private void sweep() throws Exception {
    reaper.sweep().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void aTtlSessionLivesTwiceItsTtlAfterTheLastRenewal() throws Exception {
    String id = create("10s", Session.Behavior.RELEASE);
    clock.advance(Duration.ofSeconds(15));
    store.renew(id).toCompletableFuture().get(5, TimeUnit.SECONDS);
    clock.advance(Duration.ofSeconds(19));
    sweep();
    assertNotNull(store.state().session(id), "renewed 19 s ago, TTL 10 s: still within 2x TTL");
    clock.advance(Duration.ofSeconds(2));
    sweep();
    assertNull(store.state().session(id), "21 s after the renewal");
  }

  @Test
  void anExpiredDeleteSessionDeletesItsKeysAndLeavesALockDelay() throws Exception {
    String id = create("10s", Session.Behavior.DELETE);
    write(c -> KvOps.lock(c, "eph", new byte[] {1}, 0, id));
    clock.advance(Duration.ofSeconds(21));
    sweep();
    assertNull(store.state().entry("eph"));
    String next = create("", Session.Behavior.RELEASE);
    assertNull(write(c -> KvOps.lock(c, "eph", new byte[0], 0, next)), "within the 15 s lock delay");
    clock.advance(Duration.ofSeconds(16));
    assertNotNull(write(c -> KvOps.lock(c, "eph", new byte[0], 0, next)), "after the lock delay");
  }

  @Test
  void aCriticalSerfHealthEndsTheNodesSessionsAndReleasesTheirLocks() throws Exception {
    String id = create("", Session.Behavior.RELEASE);
    write(c -> KvOps.lock(c, "leader", new byte[0], 0, id));
    sweep();
    assertNotNull(store.state().session(id));
    catalog = SessionFixtures.catalog(HealthStatus.CRITICAL);
    sweep();
    assertNull(store.state().session(id));
    assertEquals("", store.state().entry("leader").session());
    assertEquals(1, store.state().entry("leader").lockIndex());
  }

  @Test
  void creationIsRefusedForACriticalCheckOrAnOutOfRangeTtl() {
    catalog = SessionFixtures.catalog(HealthStatus.CRITICAL);
    ExecutionException critical = assertThrows(ExecutionException.class, () -> create("", Session.Behavior.RELEASE));
    assertTrue(critical.getCause().getMessage().contains("critical"));
    catalog = SessionFixtures.catalog(HealthStatus.PASSING);
    for (String ttl : List.of("5s", "25h", "bogus")) {
      ExecutionException e = assertThrows(ExecutionException.class, () -> create(ttl, Session.Behavior.RELEASE));
      assertTrue(e.getCause() instanceof KvException, ttl);
    }
  }
}
