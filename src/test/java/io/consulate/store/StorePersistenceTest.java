package io.consulate.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.catalog.HealthStatus;
import io.consulate.kv.MutableClock;
import io.consulate.kv.Session;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server's state comes back from its own log after a restart, whether it is replayed entry by entry or read
 * from a log snapshot plus the entries after it; and the index goes on from where it was.
 */
class StorePersistenceTest {
  @TempDir
  Path logDir;
  private final MutableClock clock = new MutableClock();

  @Test
  void stateAndIndexSurviveARestartFromTheLogAlone() throws Exception {
    long before;
    try (LoneStore first = new LoneStore(clock, logDir)) {
      first.node(HealthStatus.PASSING);
      first.kv("set", "k", "v1".getBytes(UTF_8), 0, 0, null);
      before = first.store.index();
    }
    try (LoneStore second = new LoneStore(clock, logDir)) {
      assertEquals(before, second.store.index());
      assertArrayEquals("v1".getBytes(UTF_8), second.store.kvState().entry("k").value());
      assertNotNull(second.store.snapshot().node("n1"));
      assertEquals(before + 1, second.kv("set", "k", "v2".getBytes(UTF_8), 0, 0, null).index());
    }
  }

  @Test
  void stateSurvivesARestartFromASnapshotAndTheEntriesAfterIt() throws Exception {
    long before;
    long catalogIndex;
    String session;
    try (LoneStore first = new LoneStore(clock, logDir)) {
      first.node(HealthStatus.PASSING);
      session = first.createSession("", Session.Behavior.RELEASE);
      first.kv("lock", "lock", "me".getBytes(UTF_8), 0, 0, session);
      first.kv("set", "gone", "x".getBytes(UTF_8), 0, 0, null);
      first.kv("delete", "gone", null, 0, 0, null);
      first.store.raft().snapshot();
      first.kv("set", "after", "y".getBytes(UTF_8), 0, 0, null);
      before = first.store.index();
      catalogIndex = first.store.snapshot().index();
    }
    try (LoneStore second = new LoneStore(clock, logDir)) {
      assertEquals(before, second.store.index());
      assertEquals(session, second.store.kvState().entry("lock").session());
      assertEquals(1, second.store.kvState().entry("lock").lockIndex());
      assertTrue(second.store.kvState().tombstones().containsKey("gone"), "tombstones are part of the snapshot");
      assertArrayEquals("y".getBytes(UTF_8), second.store.kvState().entry("after").value());
      assertEquals(catalogIndex, second.store.snapshot().index(), "the catalog's index tables come back too");
    }
  }
}
