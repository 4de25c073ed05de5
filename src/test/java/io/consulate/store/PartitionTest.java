package io.consulate.store;

import static io.consulate.store.RaftTestSupport.awaitTrue;
import static io.consulate.store.RaftTestSupport.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.catalog.Node;
import io.consulate.cluster.NoLeaderException;
import io.consulate.cluster.RaftSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jgroups.Address;
import org.jgroups.JChannel;
import org.jgroups.protocols.DISCARD;
import org.jgroups.protocols.TP;
import org.jgroups.stack.ProtocolStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three servers of one Raft group in this JVM, on real TCP loopback ports with file logs, and a partition made
 * with JGroups fault injection (DISCARD drops every message between the sides): the cut-off server stops
 * leading and refuses writes with "No cluster leader" but keeps serving its snapshot; the majority elects a
 * leader and goes on; after the heal the minority has what the majority acknowledged and writes again.
 */
class PartitionTest {
  @TempDir
  Path data;
  private final List<Store> servers = new ArrayList<>();

  @AfterEach
  void close() {
    for (Store s : servers) s.close();
  }

  @Test
  void theCutOffLeaderStepsDownTheMajorityGoesOnAndTheHealedServerCatchesUp() throws Exception {
    List<Integer> ports = List.of(freePort(), freePort(), freePort());
    List<String> addresses = ports.stream().map(p -> "127.0.0.1:" + p).toList();
    for (int i = 0; i < 3; i++) {
      RaftSettings s = new RaftSettings("p" + (i + 1), List.of("p1", "p2", "p3"), "127.0.0.1", ports.get(i), addresses,
          data.resolve("p" + (i + 1)), false, io.consulate.cluster.GossipKey.NONE);
      servers.add(Store.start(s, "partition-test"));
    }
    awaitTrue(() -> servers.stream().filter(Store::isLeader).count() == 1
        && servers.stream().allMatch(s -> s.raft().knownLeader()));
    long before = writeWithRetry(servers.get(0), "before");
    Store cut = servers.stream().filter(Store::isLeader).findFirst().orElseThrow();

    List<DISCARD> cuts = partition(cut);
    awaitTrue(() -> !cut.raft().knownLeader());
    ExecutionException refused = assertThrows(ExecutionException.class, () -> write(cut, "refused"));
    assertInstanceOf(NoLeaderException.class, refused.getCause());
    assertEquals("No cluster leader", refused.getCause().getMessage());
    assertNotNull(cut.snapshot().node("before"), "the minority still serves its snapshot");
    Store majority = servers.stream().filter(s -> s != cut).findFirst().orElseThrow();
    awaitTrue(() -> majority.raft().knownLeader());
    long during = writeWithRetry(majority, "during");
    assertTrue(during > before, "the new leader continues from the last index");

    for (DISCARD d : cuts) d.resetIgnoredMembers();
    // Healing takes MERGE3 rounds (2-5 s each) and a vote; CI under load once needed more than 20 s.
    awaitTrue(() -> cut.raft().knownLeader() && cut.snapshot().node("during") != null, 45);
    assertEquals(null, cut.snapshot().node("refused"), "the refused write never happened");
    long after = writeWithRetry(cut, "after");
    assertTrue(after > during);
    for (Store s : servers) awaitTrue(() -> s.snapshot().node("after") != null && s.index() == after);
  }

  /**
   * A write as a Consul client makes it: "No cluster leader" is retried for up to 10 s, since a leader may
   * still be settling (a vote in progress) when the test's condition was met.
   */
  private static long writeWithRetry(Store server, String node) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try {
        return write(server, node);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof NoLeaderException) || System.nanoTime() > end) throw e;
        Thread.sleep(100);
      }
    }
  }

  private static long write(Store server, String node) throws Exception {
    return server.catalog(new CatalogOp.RegisterNode(new Node(node, node, "10.0.0.1", "dc1", Map.of(), Map.of(), 0, 0)))
        .toCompletableFuture().get(15, TimeUnit.SECONDS);
  }

  /** Cuts {@code side} off from every other server, in both directions. */
  private List<DISCARD> partition(Store side) throws Exception {
    List<DISCARD> cuts = new ArrayList<>();
    Address cutAddress = side.raft().channel().getAddress();
    for (Store s : servers) {
      DISCARD d = new DISCARD();
      JChannel ch = s.raft().channel();
      ch.getProtocolStack().insertProtocol(d, ProtocolStack.Position.ABOVE, TP.class);
      if (s == side) {
        for (Store other : servers) if (other != side) d.addIgnoreMember(other.raft().channel().getAddress());
      } else {
        d.addIgnoreMember(cutAddress);
      }
      cuts.add(d);
    }
    return cuts;
  }
}
