package io.consulate.cluster;

import io.consulate.catalog.CatalogWrites;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.infinispan.Cache;
import org.infinispan.partitionhandling.AvailabilityMode;

/**
 * The clustered {@link ClusterView}: member records in a replicated cache (one per agent, written by the
 * agent itself on start and leave), the JGroups view for who is up, and the leader rule. A leader is known
 * once the cluster was bootstrapped ({@code -bootstrap-expect} servers were in one view, remembered in the
 * member cache for later joiners) and this agent's partition holds a majority (the catalog cache is
 * available). The leader is the JGroups coordinator; it alone runs the {@link SerfHealthKeeper}.
 */
public final class Membership implements ClusterView, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Membership.class.getName());
  static final String CACHE = "consulate-members";
  /** Keys that are not member names. */
  static final String RESERVED_PREFIX = "#";
  private static final String BOOTSTRAPPED = RESERVED_PREFIX + "bootstrapped";
  private static final long TICK_MILLIS = 500;

  private final ClusteredCaches caches;
  private final Cache<String, String> members;
  private final Cache<String, String> catalog;
  private final CatalogStore store;
  private final Member self;
  private final int bootstrapExpect;
  private final SerfHealthKeeper keeper;
  private final CompletableFuture<Void> leaderFound = new CompletableFuture<>();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "cluster-membership");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean bootstrapped;

  private Membership(ClusteredCaches caches, ClusterSettings settings, Member self, Cache<String, String> catalog,
      CatalogStore store) {
    this.caches = caches;
    this.members = caches.volatileCache(CACHE);
    this.catalog = catalog;
    this.store = store;
    this.self = self;
    // Without -bootstrap-expect: a first server is a cluster of one; one given join addresses waits to join.
    this.bootstrapExpect = settings.bootstrapExpect() > 0 ? settings.bootstrapExpect()
        : settings.join().isEmpty() ? 1 : Integer.MAX_VALUE;
    this.keeper = new SerfHealthKeeper(store, members, settings.reconnectTimeout(), Clock.systemUTC());
  }

  /** Announces this agent and starts watching the view; blocks on the first replicated write. */
  public static Membership start(ClusteredCaches caches, ClusterSettings settings, Member self,
      Cache<String, String> catalog, CatalogStore store) {
    Membership m = new Membership(caches, settings, self, catalog, store);
    m.members.put(SerfHealthKeeper.key(self.name()), self.encode());
    m.ticker.scheduleWithFixedDelay(m::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    return m;
  }

  /** Completes once a leader is known for the first time: the agent registers itself only then. */
  public CompletionStage<Void> leaderFound() {
    return leaderFound;
  }

  private void tick() {
    try {
      if (!knownLeader()) return;
      if (leaderFound.complete(null)) LOG.info("cluster leader known: " + leader() + ", members " + caches.view());
      if (!caches.isCoordinator()) return;
      if (!members.containsKey(BOOTSTRAPPED)) members.put(BOOTSTRAPPED, "true");
      keeper.reconcile(viewKeys()).toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.log(Level.FINE, "membership pass failed; the next one retries", e);
    }
  }

  private Set<String> viewKeys() {
    Set<String> keys = new HashSet<>();
    for (String name : caches.view()) keys.add(SerfHealthKeeper.key(name));
    return keys;
  }

  @Override
  public boolean knownLeader() {
    if (!bootstrapped && (caches.view().size() >= bootstrapExpect || members.containsKey(BOOTSTRAPPED))) {
      bootstrapped = true;
    }
    return bootstrapped && catalog.getAdvancedCache().getAvailability() == AvailabilityMode.AVAILABLE;
  }

  @Override
  public String leader() {
    if (!knownLeader()) return "";
    List<String> view = caches.view();
    String coordinator = view.isEmpty() ? null : members.get(SerfHealthKeeper.key(view.get(0)));
    return coordinator == null ? "" : Member.decode(coordinator).serverAddress();
  }

  @Override
  public List<String> peers() {
    List<String> out = new ArrayList<>();
    for (Member m : members()) if (m.status() == Member.ALIVE) out.add(m.serverAddress());
    return out;
  }

  @Override
  public List<Member> members() {
    Set<String> up = viewKeys();
    List<Member> out = new ArrayList<>();
    for (Map.Entry<String, String> e : members.entrySet()) {
      if (e.getKey().startsWith(RESERVED_PREFIX)) continue;
      Member m = Member.decode(e.getValue());
      int status = up.contains(e.getKey()) ? Member.ALIVE : m.status() == Member.LEFT ? Member.LEFT : Member.FAILED;
      out.add(m.withStatus(status, m.since()));
    }
    out.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
    return out;
  }

  @Override
  public CompletionStage<Void> join(String address) {
    try {
      caches.addJoinAddress(address);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(new ClusterException(e.getMessage()));
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletionStage<Void> forceLeave(String node) {
    String key = SerfHealthKeeper.key(node);
    String stored = members.get(key);
    if (stored == null) return CompletableFuture.failedFuture(new ClusterException("agent: No node found with name '" + node + "'"));
    if (viewKeys().contains(key)) return CompletableFuture.completedFuture(null); // alive: it would refute, as in Consul
    Member m = Member.decode(stored);
    return members.putAsync(key, m.withStatus(Member.LEFT, System.currentTimeMillis()).encode())
        .thenCompose(x -> store.write((b, snap) -> CatalogWrites.deregisterNode(b, snap, m.name())))
        .thenApply(x -> null);
  }

  @Override
  public CompletionStage<Void> leave() {
    return members.putAsync(SerfHealthKeeper.key(self.name()), self.withStatus(Member.LEFT, System.currentTimeMillis()).encode())
        .thenApply(x -> null);
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
