package io.consulate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.HealthStatus;
import io.consulate.kv.KvException;
import io.consulate.kv.KvState;
import io.consulate.kv.MutableClock;
import io.consulate.kv.Session;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Session expiry and invalidation on the leader, with an injected clock: no sleeping. */
class SessionReaperTest {
  private final MutableClock clock = new MutableClock();
  private LoneStore lone;
  private SessionReaper reaper;

  @BeforeEach
  void open() throws Exception {
    lone = new LoneStore(clock, null);
    lone.node(HealthStatus.PASSING);
    reaper = new SessionReaper(lone.store, clock);
  }

  @AfterEach
  void close() {
    lone.close();
  }

  private KvState state() {
    return lone.store.kvState();
  }

  private String create(String ttl, Session.Behavior behavior) throws Exception {
    return lone.createSession(ttl, behavior);
  }

  private boolean lock(String key, String session) throws Exception {
    return lone.kv("lock", key, new byte[0], 0, 0, session).value();
  }

  private void sweep() throws Exception {
    reaper.sweep().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void aTtlSessionLivesTwiceItsTtlAfterTheLastRenewal() throws Exception {
    sweep(); // the leader's clock starts: TTLs count from when it became leader at the earliest
    String id = create("10s", Session.Behavior.RELEASE);
    clock.advance(Duration.ofSeconds(15));
    lone.submit(new SessionCommand.Renew(id, clock.millis()));
    clock.advance(Duration.ofSeconds(19));
    sweep();
    assertNotNull(state().session(id), "renewed 19 s ago, TTL 10 s: still within 2x TTL");
    clock.advance(Duration.ofSeconds(2));
    sweep();
    assertNull(state().session(id), "21 s after the renewal");
  }

  @Test
  void anExpiredDeleteSessionDeletesItsKeysAndLeavesALockDelayThatIsReapedLater() throws Exception {
    sweep();
    String id = create("10s", Session.Behavior.DELETE);
    lone.kv("lock", "eph", new byte[] {1}, 0, 0, id);
    clock.advance(Duration.ofSeconds(21));
    sweep();
    assertNull(state().entry("eph"));
    String next = create("", Session.Behavior.RELEASE);
    assertFalse(lock("eph", next), "within the 15 s lock delay");
    clock.advance(Duration.ofSeconds(16));
    assertTrue(lock("eph", next), "after the lock delay");
    long index = state().index();
    sweep();
    assertTrue(state().lockDelays().isEmpty(), "the run-out lock delay was reaped");
    assertEquals(index, state().index(), "reaping moves no index");
  }

  @Test
  void aCriticalSerfHealthEndsTheNodesSessionsAndReleasesTheirLocks() throws Exception {
    String id = create("", Session.Behavior.RELEASE);
    lock("leader", id);
    sweep();
    assertNotNull(state().session(id));
    lone.submit(CatalogCommand.of(new CatalogOp.UpdateCheck("n1", HealthCheck.SERF_HEALTH, HealthStatus.CRITICAL, "")));
    sweep();
    assertNull(state().session(id));
    assertEquals("", state().entry("leader").session());
    assertEquals(1, state().entry("leader").lockIndex());
  }

  @Test
  void creationIsRefusedForACriticalCheckOrAnOutOfRangeTtl() throws Exception {
    lone.node(HealthStatus.CRITICAL);
    ExecutionException critical = assertThrows(ExecutionException.class, () -> create("", Session.Behavior.RELEASE));
    assertTrue(critical.getCause().getMessage().contains("critical"));
    lone.node(HealthStatus.PASSING);
    for (String ttl : List.of("5s", "25h", "bogus")) {
      ExecutionException e = assertThrows(ExecutionException.class, () -> create(ttl, Session.Behavior.RELEASE));
      assertTrue(e.getCause() instanceof KvException, ttl);
    }
  }
}
