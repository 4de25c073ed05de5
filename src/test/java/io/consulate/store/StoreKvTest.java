package io.consulate.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.catalog.HealthStatus;
import io.consulate.kv.KvEntry;
import io.consulate.kv.KvException;
import io.consulate.kv.KvState;
import io.consulate.kv.MutableClock;
import io.consulate.kv.Session;
import io.consulate.kv.Txn;
import io.consulate.kv.TxnOp;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Consul's KV rules through the real write pipeline (a Raft group of one). */
class StoreKvTest {
  private final MutableClock clock = new MutableClock();
  private LoneStore lone;

  @BeforeEach
  void open() throws Exception {
    lone = new LoneStore(clock, null);
  }

  @AfterEach
  void close() {
    lone.close();
  }

  private KvState state() {
    return lone.store.kvState();
  }

  private Applied<Boolean> kv(String verb, String key, String value, long flags, long index, String session) throws Exception {
    return lone.kv(verb, key, value == null ? null : b(value), flags, index, session);
  }

  static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  @Test
  void setKeepsCreateIndexAndAnUnchangedSetMovesNothing() throws Exception {
    long first = kv("set", "a", "1", 0, 0, null).index();
    long second = kv("set", "a", "2", 7, 0, null).index();
    KvEntry e = state().entry("a");
    assertEquals(first, e.createIndex());
    assertEquals(second, e.modifyIndex());
    assertEquals(7, e.flags());
    assertArrayEquals(b("2"), e.value());
    assertEquals(second, kv("set", "a", "2", 7, 0, null).index(), "idempotent write keeps the index");
  }

  @Test
  void casZeroCreatesOnlyAndCasNMatchesModifyIndex() throws Exception {
    assertTrue(kv("cas", "k", "x", 0, 0, null).value());
    assertFalse(kv("cas", "k", "y", 0, 0, null).value(), "cas=0 on an existing key");
    long mi = state().entry("k").modifyIndex();
    assertFalse(kv("cas", "k", "y", 0, mi + 100, null).value(), "stale index");
    assertTrue(kv("cas", "k", "y", 0, mi, null).value());
    assertFalse(kv("cas", "k", "z", 0, mi, null).value(), "index moved on");
    assertFalse(kv("delete-cas", "k", null, 0, mi, null).value());
  }

  @Test
  void prefixIndexNeverGoesBackwardsAfterDeletingTheNewestKey() throws Exception {
    kv("set", "app/a", "1", 0, 0, null);
    long newest = kv("set", "app/b", "2", 0, 0, null).index();
    assertEquals(newest, state().prefixIndex("app/"));
    long deleted = kv("delete", "app/b", null, 0, 0, null).index();
    assertTrue(deleted > newest);
    assertEquals(deleted, state().prefixIndex("app/"), "the tombstone holds the index");
    assertEquals(deleted, state().keyIndex("app/b"), "a missing key reports the table index");
    long tree = kv("delete-tree", "app/", null, 0, 0, null).index();
    assertTrue(state().list("app/").isEmpty());
    assertEquals(tree, state().prefixIndex("app/"));
  }

  @Test
  void locksMoveLockIndexOnlyForANewHolder() throws Exception {
    lone.node(HealthStatus.PASSING);
    String s1 = lone.createSession("", Session.Behavior.RELEASE);
    String s2 = lone.createSession("", Session.Behavior.RELEASE);
    assertTrue(kv("lock", "lock", "me", 0, 0, s1).value());
    assertTrue(kv("lock", "lock", "me", 0, 0, s1).value(), "re-acquire by the holder");
    assertEquals(1, state().entry("lock").lockIndex());
    assertFalse(kv("lock", "lock", "you", 0, 0, s2).value(), "held by another session");
    assertFalse(kv("unlock", "lock", "you", 0, 0, s2).value(), "only the holder releases");
    assertTrue(kv("unlock", "lock", "me", 0, 0, s1).value());
    assertEquals("", state().entry("lock").session());
    assertTrue(kv("lock", "lock", "you", 0, 0, s2).value());
    assertEquals(2, state().entry("lock").lockIndex());
    assertEquals(s2, state().entry("lock").session());
  }

  @Test
  void lockingWithAnUnknownSessionFails() {
    ExecutionException e = assertThrows(ExecutionException.class, () -> kv("lock", "k", "", 0, 0, "nope"));
    assertTrue(e.getCause() instanceof KvException, String.valueOf(e.getCause()));
  }

  @Test
  void aFailedTransactionStoresNothingAndNamesTheFailingOperation() throws Exception {
    kv("set", "t/a", "1", 0, 0, null);
    long before = state().index();
    ExecutionException e = assertThrows(ExecutionException.class, () -> lone.submit(new TxnCommand(List.of(
        new TxnCommand.Kv(new TxnOp("set", "t/b", b("2"), 0, 0, null)),
        new TxnCommand.Kv(new TxnOp("check-index", "t/a", null, 0, 999, null))), clock.millis())));
    Txn.Failed failed = (Txn.Failed) e.getCause();
    assertEquals(1, failed.errors().get(0).opIndex());
    assertNull(state().entry("t/b"));
    assertEquals(before, state().index());
  }
}
