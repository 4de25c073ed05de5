package io.consulate.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.catalog.CatalogWrites;
import io.consulate.catalog.Node;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.infinispan.Cache;
import org.jgroups.Address;
import org.jgroups.JChannel;
import org.jgroups.protocols.DISCARD;
import org.jgroups.protocols.TP;
import org.jgroups.stack.ProtocolStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A network partition made with JGroups fault injection (DISCARD drops every message between the sides):
 * the minority refuses writes with "No cluster leader" but keeps its snapshot; the majority goes on; after
 * the partition heals, the minority sees what the majority acknowledged and accepts writes again.
 */
class PartitionTest {
  @TempDir
  Path data;
  private final List<Member> nodes = new ArrayList<>();
  private final List<AutoCloseable> closing = new ArrayList<>();

  private record Member(ClusteredCaches caches, CatalogStore store, Membership membership) {}

  @AfterEach
  void close() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) closing.get(i).close();
  }

  @Test
  void theMinorityRefusesWritesKeepsItsSnapshotAndCatchesUpAfterTheHeal() throws Exception {
    int port1 = freePort();
    for (int i = 1; i <= 3; i++) nodes.add(start("p" + i, i == 1 ? port1 : freePort(), port1));
    awaitTrue(() -> nodes.stream().allMatch(n -> n.membership().knownLeader() && n.caches().view().size() == 3));
    write(nodes.get(0), "before");
    Member minority = nodes.get(2);

    List<DISCARD> cuts = partition(minority);
    awaitTrue(() -> !minority.membership().knownLeader());
    CompletionException refused = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
        () -> write(minority, "refused"));
    assertInstanceOf(NoLeaderException.class, refused.getCause());
    assertEquals("No cluster leader", refused.getCause().getMessage());
    assertTrue(minority.store().snapshot().node("before") != null, "the minority still serves its snapshot");
    awaitTrue(() -> nodes.get(0).membership().knownLeader());
    write(nodes.get(0), "during");

    for (DISCARD d : cuts) d.resetIgnoredMembers();
    awaitTrue(() -> minority.membership().knownLeader() && minority.caches().view().size() == 3);
    awaitTrue(() -> minority.store().snapshot().node("during") != null);
    write(minority, "after");
    assertFalse(nodes.get(0).store().snapshot().node("after") == null, "the healed minority's write replicated");
  }

  private Member start(String name, int port, int joinPort) {
    ClusterSettings s = new ClusterSettings(true, "127.0.0.1", port, List.of("127.0.0.1:" + joinPort), 3,
        Duration.ofHours(72));
    ClusteredCaches caches = new ClusteredCaches(s, "dc1", name, data.resolve(name));
    closing.add(caches);
    caches.start();
    Cache<String, String> catalog = caches.cache(Caches.CATALOG);
    Membership[] membership = new Membership[1];
    BooleanSupplier leader = () -> membership[0].knownLeader();
    CatalogStore store = new CatalogStore(catalog, caches.indexCounter(0, leader));
    closing.add(store);
    membership[0] = Membership.start(caches, s, new io.consulate.cluster.Member(name, name, "127.0.0.1", port,
        "127.0.0.1:8300", "dc1", io.consulate.cluster.Member.ALIVE, 0), catalog, store);
    closing.add(membership[0]);
    return new Member(caches, store, membership[0]);
  }

  /** Cuts {@code side} off from every other node, in both directions. */
  private List<DISCARD> partition(Member side) throws Exception {
    List<DISCARD> cuts = new ArrayList<>();
    Address cut = side.caches().channel().getAddress();
    for (Member n : nodes) {
      DISCARD d = new DISCARD();
      JChannel ch = n.caches().channel();
      ch.getProtocolStack().insertProtocol(d, ProtocolStack.Position.ABOVE, TP.class);
      if (n == side) {
        for (Member other : nodes) if (other != side) d.addIgnoreMember(other.caches().channel().getAddress());
      } else {
        d.addIgnoreMember(cut);
      }
      cuts.add(d);
    }
    return cuts;
  }

  private static void write(Member n, String node) {
    n.store().write((b, snap) -> CatalogWrites.registerNode(b, snap,
        new Node(node, node, "10.0.0.1", "dc1", Map.of(), Map.of(), 0, 0))).toCompletableFuture().orTimeout(15, TimeUnit.SECONDS).join();
  }

  /** Each node's view, cache availability and leader knowledge, for a failure message. */
  private String state() {
    return nodes.stream().map(n -> n.caches().view() + " "
        + n.caches().cache(Caches.CATALOG).getAdvancedCache().getAvailability() + " leader=" + n.membership().knownLeader())
        .toList().toString();
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Polls a view change, which has no hook we could await from outside; at most 30 s. */
  private void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) throw new AssertionError("condition not met within 30 s; nodes: " + state());
      Thread.sleep(100);
    }
  }
}
