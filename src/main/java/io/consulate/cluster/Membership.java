package io.consulate.cluster;

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

/**
 * The clustered {@link ClusterView}: member records in a replicated cache (one per agent, written by the agent
 * itself on start and leave, and marked failed or alive again by the LAN coordinator as the JGroups view
 * changes), and the Raft group for the leader and the peers once this server has joined it
 * ({@link #attach}). The Raft leader also adds servers that joined the LAN later to the group.
 */
public final class Membership implements ClusterView, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Membership.class.getName());
  static final String CACHE = "consulate-members";
  /** Keys that are not member names. */
  static final String RESERVED_PREFIX = "#";
  /** The Raft group's members, as its leader last published them: what a server joining later starts with. */
  private static final String RAFT_MEMBERS = RESERVED_PREFIX + "raft";
  private static final long TICK_MILLIS = 500;
  static final long SETTLE_MILLIS = 2_000;
  static final long JOIN_TIMEOUT_MILLIS = 15_000;

  private final ClusteredCaches caches;
  private final Cache<String, String> members;
  private final Member self;
  private final Clock clock;
  /** The servers' addresses, saved for {@code -rejoin}. */
  private final KnownAddresses known;
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "cluster-membership");
    t.setDaemon(true);
    return t;
  });
  private final List<Runnable> tickListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile RaftNode raft;

  private Membership(ClusteredCaches caches, Member self, Clock clock, KnownAddresses known) {
    this.caches = caches;
    this.known = known;
    this.members = caches.volatileCache(CACHE);
    this.self = self;
    this.clock = clock;
  }

  /** Announces this agent and starts watching the view; blocks on the first replicated write. */
  public static Membership start(ClusteredCaches caches, Member self, KnownAddresses known) {
    Membership m = new Membership(caches, self, Clock.systemUTC(), known);
    m.members.put(key(self.name()), self.encode());
    m.ticker.scheduleWithFixedDelay(m::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    return m;
  }

  /** From now on the leader and the peers are the Raft group's. */
  public void attach(RaftNode node) {
    this.raft = node;
  }

  /**
   * Completes with the live servers (this one included) once at least {@code expect} are in the LAN view and
   * that set has not changed for {@link #SETTLE_MILLIS}: one {@code join} of several addresses merges the LAN in
   * steps, and servers that bootstrapped on an intermediate view would disagree on the group.
   */
  public CompletionStage<List<Member>> awaitServers(int expect) {
    CompletableFuture<List<Member>> found = new CompletableFuture<>();
    Set<String> last = new HashSet<>();
    long[] since = {0};
    onTick(() -> {
      List<Member> alive = new ArrayList<>();
      for (Member m : members()) if (m.server() && m.status() == Member.ALIVE) alive.add(m);
      Set<String> names = new HashSet<>();
      alive.forEach(m -> names.add(m.name()));
      if (!names.equals(last)) {
        last.clear();
        last.addAll(names);
        since[0] = clock.millis();
      }
      return alive.size() >= expect && clock.millis() - since[0] >= SETTLE_MILLIS && found.complete(alive);
    });
    return found;
  }

  /**
   * Consul's join: contacts {@code address} ({@code host[:serf port]}) and completes once a server there is an
   * alive member here, so the next {@code members} lists it; fails after {@link #JOIN_TIMEOUT_MILLIS}.
   */
  @Override
  public CompletionStage<Void> join(String address) {
    try {
      caches.addJoinAddress(address);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(new ClusterException("Failed to join " + address + ": " + e.getMessage()));
    }
    CompletableFuture<Void> joined = new CompletableFuture<>();
    long deadline = clock.millis() + JOIN_TIMEOUT_MILLIS;
    onTick(() -> {
      if (JoinAddress.parse(address).matchesAny(members())) return joined.complete(null);
      if (clock.millis() < deadline) return false;
      return joined.completeExceptionally(new ClusterException("Failed to join " + address
          + ": no agent answered there within " + JOIN_TIMEOUT_MILLIS / 1000 + " s"));
    });
    return joined;
  }

  /** Runs {@code check} on every membership pass until it answers true. */
  void onTick(java.util.function.BooleanSupplier check) {
    tickListeners.add(new Runnable() {
      public void run() {
        if (check.getAsBoolean()) tickListeners.remove(this);
      }
    });
  }

  /** The Raft group's members as its leader published them (empty before any leader did). */
  public List<String> publishedRaftMembers() {
    String list = members.get(RAFT_MEMBERS);
    return list == null || list.isEmpty() ? List.of() : List.of(list.split(","));
  }

  private void tick() {
    try {
      if (caches.isCoordinator()) markStatuses();
      restoreOwnFields();
      List<Member> all = members();
      // Every server this one has a record of is a discovery address (a server that joined through another one
      // learns the rest here, so merges after a join reach every pair), and what -rejoin finds after a restart.
      List<String> servers = KnownAddresses.serversOf(all);
      String own = self.address() + ":" + self.port();
      for (String address : servers) if (!address.equals(own)) caches.addJoinAddress(address);
      known.save(servers);
      RaftNode node = raft;
      if (node != null) {
        node.millisWithoutLeader(); // keeps LastContact's clock current
        for (Member m : all) if (m.server() && m.status() == Member.ALIVE) node.addServerAddress(m.serverAddress());
      }
      if (node != null && node.isLeader()) leadGroup(node, all);
      tickListeners.forEach(Runnable::run);
    } catch (Exception e) {
      LOG.log(Level.FINE, "membership pass failed; the next one retries", e);
    }
  }

  /**
   * A coordinator of an older version that marked this server failed or alive rewrote its record without the
   * fields it does not know (the protocol): this server writes them back, keeping the status it was given.
   */
  private void restoreOwnFields() {
    String stored = members.get(key(self.name()));
    if (stored == null) return;
    Member m = Member.decode(stored);
    if (m.protocol() != self.protocol()) members.replace(key(self.name()), stored, self.withStatus(m.status(), m.since()).encode());
  }

  /**
   * A server missing from the view is failed since now; one back in it is alive again. A client whose link is
   * held by a server that left the view is failed too: it reconnects to another server within seconds, which
   * marks it alive again (a conditional write, so that newer record is never overwritten).
   */
  private void markStatuses() {
    Set<String> view = viewKeys();
    long now = clock.millis();
    for (Map.Entry<String, String> e : Map.copyOf(members).entrySet()) {
      if (e.getKey().startsWith(RESERVED_PREFIX)) continue;
      Member m = Member.decode(e.getValue());
      if (!m.server()) {
        if (m.status() == Member.ALIVE && !view.contains(key(linkHolder(m.link())))) {
          members.replace(e.getKey(), e.getValue(), m.withStatus(Member.FAILED, now).encode());
        }
      } else if (view.contains(e.getKey()) && m.status() == Member.FAILED) {
        members.put(e.getKey(), m.withStatus(Member.ALIVE, now).encode());
      } else if (!view.contains(e.getKey()) && m.status() == Member.ALIVE) {
        members.put(e.getKey(), m.withStatus(Member.FAILED, now).encode());
      }
    }
  }

  /** Publishes the group's members, and adds live servers that are not in it yet (one at a time, as Raft wants). */
  private void leadGroup(RaftNode node, List<Member> all) throws Exception {
    List<String> group = node.members();
    String published = String.join(",", group);
    if (!published.equals(members.get(RAFT_MEMBERS))) members.put(RAFT_MEMBERS, published);
    for (Member m : all) {
      if (m.server() && m.status() == Member.ALIVE && !group.contains(m.name())) {
        LOG.info("adding server " + m.name() + " to the Raft group");
        node.addServer(m.name()).get(5, TimeUnit.SECONDS);
        return;
      }
    }
  }

  private Set<String> viewKeys() {
    Set<String> keys = new HashSet<>();
    for (String name : caches.view()) keys.add(key(name));
    return keys;
  }

  @Override
  public boolean knownLeader() {
    RaftNode node = raft;
    return node != null && node.knownLeader();
  }

  @Override
  public boolean isLeader() {
    RaftNode node = raft;
    return node != null && node.isLeader();
  }

  @Override
  public long lastContactMillis() {
    RaftNode node = raft;
    return node == null ? 0 : node.millisWithoutLeader();
  }

  @Override
  public String leader() {
    RaftNode node = raft;
    return node == null ? "" : node.leaderAddress();
  }

  @Override
  public List<String> peers() {
    RaftNode node = raft;
    if (node == null) return List.of();
    List<String> out = new ArrayList<>();
    for (Member m : members()) if (m.server() && node.members().contains(m.name())) out.add(m.serverAddress());
    return out;
  }

  @Override
  public List<Member> members() {
    Set<String> up = viewKeys();
    List<Member> out = new ArrayList<>();
    for (Map.Entry<String, String> e : members.entrySet()) {
      if (e.getKey().startsWith(RESERVED_PREFIX)) continue;
      Member m = Member.decode(e.getValue());
      if (!m.server()) {
        out.add(m); // a client's status is what its link's server wrote
        continue;
      }
      int status = up.contains(e.getKey()) ? Member.ALIVE : m.status() == Member.LEFT ? Member.LEFT : Member.FAILED;
      out.add(m.withStatus(status, m.since()));
    }
    out.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
    return out;
  }

  @Override
  public void forget(String node) {
    members.remove(key(node));
  }

  @Override
  public CompletionStage<Void> forceLeave(String node) {
    String key = key(node);
    String stored = members.get(key);
    if (stored == null) return CompletableFuture.failedFuture(new ClusterException("agent: No node found with name '" + node + "'"));
    Member m = Member.decode(stored);
    if (!m.server() && m.status() == Member.ALIVE) {
      // Serf's leave intent for a live member: "leaving" until the member refutes it (its next heartbeat).
      return members.replaceAsync(key, stored, m.withStatus(Member.LEAVING, clock.millis()).encode()).thenApply(x -> null);
    }
    if (m.server() && viewKeys().contains(key)) return CompletableFuture.completedFuture(null); // alive: it would refute
    return members.putAsync(key, m.withStatus(Member.LEFT, clock.millis()).encode()).thenApply(x -> null);
  }

  @Override
  public CompletionStage<Void> leave() {
    return members.putAsync(key(self.name()), self.withStatus(Member.LEFT, clock.millis()).encode())
        .thenRunAsync(known::left);
  }

  /** A client's link to this server is up: the client is alive, reached through {@code m.link()}. */
  public void clientLinked(Member m) {
    members.put(key(m.name()), m.withStatus(Member.ALIVE, clock.millis()).encode());
  }

  /** A heartbeat on a client's link: it refutes a "leaving" that force-leave started, as serf does. */
  public void clientHeard(Member m) {
    String stored = members.get(key(m.name()));
    if (stored == null) return;
    Member now = Member.decode(stored);
    if (now.link().equals(m.link()) && now.status() == Member.LEAVING) {
      members.replace(key(m.name()), stored, now.withStatus(Member.ALIVE, clock.millis()).encode());
    }
  }

  /** The link {@code link} of a client closed long enough ago: failed, unless another link has replaced it. */
  public void clientUnlinked(String name, String link) {
    String stored = members.get(key(name));
    if (stored == null) return;
    Member m = Member.decode(stored);
    if (m.link().equals(link) && (m.status() == Member.ALIVE || m.status() == Member.LEAVING)) {
      members.replace(key(name), stored, m.withStatus(Member.FAILED, clock.millis()).encode());
    }
  }

  /** A client left on purpose through its link. */
  public void clientLeft(Member m) {
    members.put(key(m.name()), m.withStatus(Member.LEFT, clock.millis()).encode());
  }

  /** A link id names the server holding it first: {@code server/uuid}. */
  public static String linkId(String server) {
    return server + "/" + java.util.UUID.randomUUID();
  }

  static String linkHolder(String link) {
    int slash = link.indexOf('/');
    return slash < 0 ? link : link.substring(0, slash);
  }

  static String key(String node) {
    return node.toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
