package io.consulate.store;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.catalog.HealthStatus;
import io.consulate.cluster.StreamSink;
import io.consulate.cluster.StreamSource;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client's mirror fed by a server's change feed, as a link does it (without the socket): a whole state,
 * then each entry; a reconnect resumes from what was received, and one too far behind gets a whole state.
 * Writes from the client store go through its replicator and answer once its own mirror shows them.
 */
class MirrorTest {
  LoneStore server;
  Store client;

  @BeforeEach
  void open() throws Exception {
    server = new LoneStore(Clock.systemUTC(), null);
    client = Store.create(new SimpleMeterRegistry());
    client.follow(command -> server.store.forward(command));
  }

  @AfterEach
  void close() {
    client.close();
    server.close();
  }

  @Test
  void theMirrorGetsTheWholeStateThenEveryEntryAndReadsItsOwnWrites() throws Exception {
    server.kv("set", "before", "1".getBytes(), 0, 0, null);
    Counting sink = new Counting(client.mirror());
    StreamSource.Subscription sub = server.store.feed().subscribe(client.mirrorReceived(), sink);
    assertEquals(1, sink.snapshots.get(), "nothing received yet: a whole state");

    long index = client.submit(new KvCommand(new io.consulate.kv.TxnOp("set", "after", "2".getBytes(), 0, 0, null),
        0)).toCompletableFuture().get(10, TimeUnit.SECONDS).index();
    assertTrue(client.kvState().entry("after") != null, "read-your-writes on the client");
    assertArrayEquals("1".getBytes(), client.kvState().entry("before").value());
    assertEquals(index, client.index());
    // The server publishes its own snapshots apart from the feed, so the client may see the entry first.
    awaitTrue(() -> server.store.kvState().entry("after") != null);
    assertEquals(server.store.kvState().entry("after").modifyIndex(), client.kvState().entry("after").modifyIndex());
    sub.cancel();
  }

  @Test
  void aReconnectResumesWithTheMissedEntriesOnly() throws Exception {
    Counting first = new Counting(client.mirror());
    StreamSource.Subscription sub = server.store.feed().subscribe(client.mirrorReceived(), first);
    server.node(HealthStatus.PASSING);
    sub.cancel(); // the link drops
    for (int i = 0; i < 5; i++) server.kv("set", "k" + i, new byte[] {1}, 0, 0, null);

    Counting second = new Counting(client.mirror());
    server.store.feed().subscribe(client.mirrorReceived(), second);
    assertEquals(0, second.snapshots.get(), "resumed, not copied whole");
    assertEquals(5, second.entries.get());
    awaitTrue(() -> client.kvState().entry("k4") != null);
    assertEquals(server.store.index(), client.index());
  }

  @Test
  void aMirrorFurtherBehindThanTheKeptEntriesGetsAWholeState() throws Exception {
    Counting first = new Counting(client.mirror());
    StreamSource.Subscription sub = server.store.feed().subscribe(client.mirrorReceived(), first);
    server.node(HealthStatus.PASSING);
    sub.cancel();
    for (int i = 0; i <= ChangeFeed.KEEP_ENTRIES; i++) server.kv("set", "k", new byte[] {(byte) i}, 0, 0, null);

    Counting second = new Counting(client.mirror());
    server.store.feed().subscribe(client.mirrorReceived(), second);
    assertEquals(1, second.snapshots.get());
    assertEquals(0, second.entries.get());
    awaitTrue(() -> client.index() == server.store.index());
    assertArrayEquals(server.store.kvState().entry("k").value(), client.kvState().entry("k").value());
  }

  private static void awaitTrue(java.util.function.BooleanSupplier c) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!c.getAsBoolean()) {
      if (System.nanoTime() > end) throw new AssertionError("not within 10 s");
      Thread.sleep(5);
    }
  }

  /** Passes the stream on to the mirror and counts what came. */
  private static final class Counting implements StreamSink {
    final StreamSink to;
    final AtomicInteger snapshots = new AtomicInteger();
    final AtomicInteger entries = new AtomicInteger();

    Counting(StreamSink to) {
      this.to = to;
    }

    @Override
    public void snapshot(byte[] state) {
      snapshots.incrementAndGet();
      to.snapshot(state);
    }

    @Override
    public void entry(byte[] entry) {
      entries.incrementAndGet();
      to.entry(entry);
    }
  }
}
