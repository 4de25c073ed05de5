package io.consulate.kv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.cluster.Caches;
import io.consulate.cluster.LocalCaches;
import io.consulate.cluster.LocalIndexCounter;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Consul's KV rules through the real write path over a local Infinispan cache. */
class KvStoreTest {
  private Caches caches;
  private KvStore store;
  private final MutableClock clock = new MutableClock();

  @BeforeEach
  void open() {
    caches = new LocalCaches(null);
    store = new KvStore(caches.cache(KvStore.KV_CACHE), caches.cache(KvStore.SESSION_CACHE), new LocalIndexCounter(0),
        clock);
  }

  @AfterEach
  void close() {
    store.close();
    caches.close();
  }

  <R> KvStore.Written<R> write(KvStore.Command<R> c) throws Exception {
    return store.write(c).toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  @Test
  void setKeepsCreateIndexAndAnUnchangedSetMovesNothing() throws Exception {
    long first = write(c -> KvOps.set(c, "a", b("1"), 0)).index();
    long second = write(c -> KvOps.set(c, "a", b("2"), 7)).index();
    KvEntry e = store.state().entry("a");
    assertEquals(first, e.createIndex());
    assertEquals(second, e.modifyIndex());
    assertEquals(7, e.flags());
    assertArrayEquals(b("2"), e.value());
    assertEquals(second, write(c -> KvOps.set(c, "a", b("2"), 7)).index(), "idempotent write keeps the index");
  }

  @Test
  void casZeroCreatesOnlyAndCasNMatchesModifyIndex() throws Exception {
    assertNotNull(write(c -> KvOps.cas(c, "k", b("x"), 0, 0)).value());
    assertNull(write(c -> KvOps.cas(c, "k", b("y"), 0, 0)).value(), "cas=0 on an existing key");
    long mi = store.state().entry("k").modifyIndex();
    assertNull(write(c -> KvOps.cas(c, "k", b("y"), 0, mi + 100)).value(), "stale index");
    assertNotNull(write(c -> KvOps.cas(c, "k", b("y"), 0, mi)).value());
    assertNull(write(c -> KvOps.cas(c, "k", b("z"), 0, mi)).value(), "index moved on");
    assertTrue(write(c -> KvOps.deleteCas(c, "k", mi)).value() == Boolean.FALSE);
  }

  @Test
  void prefixIndexNeverGoesBackwardsAfterDeletingTheNewestKey() throws Exception {
    write(c -> KvOps.set(c, "app/a", b("1"), 0));
    long newest = write(c -> KvOps.set(c, "app/b", b("2"), 0)).index();
    assertEquals(newest, store.state().prefixIndex("app/"));
    long deleted = write(c -> {
      KvOps.delete(c, "app/b");
      return null;
    }).index();
    assertTrue(deleted > newest);
    assertEquals(deleted, store.state().prefixIndex("app/"), "the tombstone holds the index");
    assertEquals(deleted, store.state().keyIndex("app/b"), "a missing key reports the table index");
    long tree = write(c -> {
      KvOps.deleteTree(c, "app/");
      return null;
    }).index();
    assertTrue(store.state().list("app/").isEmpty());
    assertEquals(tree, store.state().prefixIndex("app/"));
  }

  @Test
  void keysWithSeparatorListFolders() throws Exception {
    for (String k : List.of("app/config/a", "app/config/b", "app/other/c", "app/top")) write(c -> KvOps.set(c, k, b(""), 0));
    assertEquals(List.of("app/config/", "app/other/", "app/top"), store.state().keys("app/", "/"));
    assertEquals(List.of("app/config/a", "app/config/b", "app/other/c", "app/top"), store.state().keys("app", null));
  }

  @Test
  void locksMoveLockIndexOnlyForANewHolder() throws Exception {
    String s1 = SessionFixtures.create(this, "s1");
    String s2 = SessionFixtures.create(this, "s2");
    assertNotNull(write(c -> KvOps.lock(c, "lock", b("me"), 0, s1)).value());
    assertNotNull(write(c -> KvOps.lock(c, "lock", b("me"), 0, s1)).value(), "re-acquire by the holder");
    assertEquals(1, store.state().entry("lock").lockIndex());
    assertNull(write(c -> KvOps.lock(c, "lock", b("you"), 0, s2)).value(), "held by another session");
    assertNull(write(c -> KvOps.unlock(c, "lock", b("you"), 0, s2)).value(), "only the holder releases");
    assertNotNull(write(c -> KvOps.unlock(c, "lock", b("me"), 0, s1)).value());
    assertEquals("", store.state().entry("lock").session());
    assertNotNull(write(c -> KvOps.lock(c, "lock", b("you"), 0, s2)).value());
    assertEquals(2, store.state().entry("lock").lockIndex());
    assertEquals(s2, store.state().entry("lock").session());
  }

  @Test
  void lockingWithAnUnknownSessionFails() {
    ExecutionException e = assertThrows(ExecutionException.class, () -> write(c -> KvOps.lock(c, "k", b(""), 0, "nope")));
    assertTrue(e.getCause() instanceof KvException);
  }

  @Test
  void aFailedTransactionStoresNothing() throws Exception {
    write(c -> KvOps.set(c, "t/a", b("1"), 0));
    long before = store.state().index();
    ExecutionException e = assertThrows(ExecutionException.class, () -> write(c -> Txn.run(c, List.of(
        new TxnOp("set", "t/b", b("2"), 0, 0, null),
        new TxnOp("check-index", "t/a", null, 0, 999, null)))));
    Txn.Failed failed = (Txn.Failed) e.getCause();
    assertEquals(1, failed.errors().get(0).opIndex());
    assertNull(store.state().entry("t/b"));
    assertEquals(before, store.state().index());
  }
}
