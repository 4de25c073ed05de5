package io.consulate.agent;

import io.consulate.local.UnknownIdException;
import io.consulate.local.ScriptPolicy;
import io.consulate.local.SavedRegistrations;
import io.consulate.local.LocalAgent;
import io.consulate.local.AgentIo;
import io.consulate.local.AgentChecks;
import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.Node;
import io.consulate.cluster.ClusterException;
import io.consulate.cluster.ClusterView;
import io.consulate.cluster.ClusteredCaches;
import io.consulate.cluster.LoneCluster;
import io.consulate.cluster.Member;
import io.consulate.cluster.Membership;
import io.consulate.cluster.RaftPeers;
import io.consulate.cluster.RaftSettings;
import io.consulate.cluster.ServerPort;
import io.consulate.dns.DnsConfig;
import io.consulate.dns.DnsServer;
import io.consulate.health.CatalogStatusWriter;
import io.consulate.health.CheckTimers;
import io.consulate.health.CriticalReaper;
import io.consulate.health.HealthMonitor;
import io.consulate.health.VertxCheckTimers;
import io.consulate.http.AgentInfo;
import io.consulate.http.BlockingQueries;
import io.consulate.http.HttpApi;
import io.consulate.http.HttpApiVerticle;
import io.consulate.kv.KvState;
import io.consulate.store.SerfHealthKeeper;
import io.consulate.store.SessionReaper;
import io.consulate.store.Store;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Builds the object graph of one agent and starts it in order: membership, the store (joining the Raft group
 * once the servers are known), the agent's own node and saved registrations once a leader is known,
 * config-file services, then the DNS and HTTP listeners. Also reload and shutdown.
 */
public final class Agent {
  private static final Logger LOG = Logger.getLogger(Agent.class.getName());
  public static final String VERSION = "1.17.0";

  private final Supplier<AgentConfig> configSource;
  private final Vertx vertx;
  private final AgentIo io = new AgentIo();
  private volatile AgentConfig config;
  /** Built once per (re)load, not per query: the DNS hot path reads it through a supplier. */
  private volatile DnsConfig dnsConfig;
  private Store store;
  private LocalAgent local;
  private AgentChecks checks;
  private CriticalReaper reaper;
  private int httpPort;
  private BlockingQueries<CatalogSnapshot> blocking;
  private BlockingQueries<KvState> kvBlocking;
  private DnsServer dns;
  /** Null for a lone agent. */
  private final ClusteredCaches clustered;
  private ClusterView cluster;
  private Membership membership;
  /** The server RPC port in use: the configured one, or a free one if the default is busy. */
  private int serverPort;
  private ServerPort reservedPort;
  private Member self;
  private Future<Void> closing;
  private final CompletableFuture<Void> left = new CompletableFuture<>();

  private Agent(Supplier<AgentConfig> configSource, AgentConfig config, Vertx vertx, ClusteredCaches clustered) {
    this.clustered = clustered;
    this.configSource = configSource;
    this.config = config;
    this.dnsConfig = dnsConfig(config);
    this.serverPort = config.serverPort();
    this.vertx = vertx;
  }

  /** Starts an agent; {@code configSource} is re-read on reload. */
  public static Future<Agent> start(Supplier<AgentConfig> configSource) {
    AgentConfig config = configSource.get();
    VertxOptions options = new VertxOptions().setPreferNativeTransport(true);
    if (!config.cluster().enabled()) {
      return startWith(configSource, config, Vertx.builder().with(options).build(), null);
    }
    ClusteredCaches clustered = new ClusteredCaches(config.cluster(), config.datacenter(), config.nodeName());
    return clustered.startVertx(options).compose(vertx -> startWith(configSource, config, vertx, clustered));
  }

  private static Future<Agent> startWith(Supplier<AgentConfig> configSource, AgentConfig config, Vertx vertx,
      ClusteredCaches clustered) {
    Agent agent = new Agent(configSource, config, vertx, clustered);
    return agent.startAll().map(agent).recover(err -> {
      LOG.log(java.util.logging.Level.FINE, "start failed", err);
      agent.close(); // not awaited: the caller exits, and Vert.x cannot complete its own close on its event loop
      return Future.failedFuture(err);
    });
  }

  private Future<Void> startAll() {
    return vertx.executeBlocking(() -> {
      String nodeId = NodeIdentity.load(config.dataDir());
      if (clustered != null) {
        reservedPort = ServerPort.reserve(config.cluster().bindAddr(), config.serverPort());
        serverPort = reservedPort.port();
      }
      self = new Member(config.nodeName(), nodeId, config.advertiseAddr(), serfLanPort(), serverAddress(),
          config.datacenter(), Member.ALIVE, System.currentTimeMillis());
      if (clustered != null) membership = Membership.start(clustered, self);
      cluster = membership != null ? membership : new LoneCluster(self);
      return null;
    }).compose(v -> raftSettings())
        .compose(settings -> vertx.executeBlocking(() -> {
          if (reservedPort != null) reservedPort.close();
          store = Store.start(settings, "consulate-raft-" + config.datacenter());
          if (membership != null) membership.attach(store.raft());
          buildLocal();
          return null;
        }))
        .compose(v -> awaitLeader())
        .compose(v -> untilAccepted("this node's registration", local::start))
        .compose(v -> untilAccepted("saved checks", checks::start))
        .compose(v -> untilAccepted("config-file services", () -> local.reconcileConfig(config.services())))
        .compose(v -> untilAccepted("config-file checks", () -> checks.reconcileConfig(config.checks())))
        .onSuccess(v -> {
          reaper.start();
          startLeaderDuties();
        })
        .compose(v -> startDns())
        .compose(v -> startHttp())
        .onSuccess(v -> LOG.info("Consulate agent running: node=" + config.nodeName() + " datacenter="
            + config.datacenter() + " http=" + config.clientAddr() + ":" + httpPort + " dns=" + config.clientAddr()
            + ":" + dns.udpPort() + " (udp+tcp)" + (config.dataDir() == null ? " in-memory" : " data-dir=" + config.dataDir())));
  }

  /** How long start-up writes are retried while the leader changes (a vote in progress). */
  private static final long START_WRITE_RETRY_MILLIS = 60_000;

  /**
   * Runs a start-up write, and runs it again while the cluster answers "No cluster leader" or "leadership
   * lost" (a vote right after the servers met): the steps are idempotent, and failing the whole start for a
   * leader change that settles in a second would leave a server out of its cluster.
   */
  private Future<Void> untilAccepted(String what, Supplier<CompletionStage<Void>> step) {
    Promise<Void> done = Promise.promise();
    attempt(what, step, done, System.currentTimeMillis() + START_WRITE_RETRY_MILLIS);
    return done.future();
  }

  private void attempt(String what, Supplier<CompletionStage<Void>> step, Promise<Void> done, long deadline) {
    Future<Void> tried;
    try {
      tried = Future.fromCompletionStage(step.get(), vertx.getOrCreateContext());
    } catch (RuntimeException e) {
      tried = Future.failedFuture(e);
    }
    tried.onComplete(ar -> {
      Throwable cause = ar.failed() && ar.cause().getCause() != null
          && ar.cause() instanceof java.util.concurrent.CompletionException ? ar.cause().getCause() : ar.cause();
      if (ar.succeeded()) {
        done.complete();
      } else if (cause instanceof ClusterException && System.currentTimeMillis() < deadline) {
        LOG.info(what + " not accepted yet (" + cause.getMessage() + "); trying again");
        vertx.setTimer(500, t -> attempt(what, step, done, deadline));
      } else {
        done.fail(ar.cause());
      }
    });
  }

  /** A lone agent is a group of one; a clustered server waits until it knows the group's servers. */
  private Future<RaftSettings> raftSettings() {
    java.nio.file.Path logDir = config.dataDir() == null ? null : config.dataDir().resolve("raft");
    if (membership == null) return Future.succeededFuture(RaftSettings.lone(config.nodeName(), logDir));
    RaftPeers peers = new RaftPeers(logDir, membership, config.cluster().bootstrapExpect(), self);
    if (!peers.known()) LOG.info("waiting for the servers of the cluster (bootstrap_expect " + config.cluster().bootstrapExpect() + ")");
    return Future.fromCompletionStage(peers.find()).map(found -> new RaftSettings(config.nodeName(), found.names(),
        config.cluster().bindAddr(), serverPort, found.addresses(), logDir, false));
  }

  private void buildLocal() {
    Node node = new Node(config.nodeName(), self.nodeId(), self.address(), config.datacenter(),
        Map.of("lan", self.address(), "lan_ipv4", self.address(), "wan", self.address(), "wan_ipv4", self.address()),
        Map.of("consul-network-segment", ""), 0, 0);
    CheckTimers timers = new VertxCheckTimers(vertx, vertx.getOrCreateContext());
    CatalogStatusWriter writer = new CatalogStatusWriter(store, node.name(), Clock.systemUTC(), timers,
        CatalogStatusWriter.DEFAULT_UPDATE_INTERVAL);
    HealthMonitor monitor = HealthMonitor.create(vertx, node.name(), timers, writer, store.snapshots());
    local = new LocalAgent(store, node, monitor, new SavedRegistrations(config.dataDir(), "services", io),
        scriptPolicy(config));
    checks = new AgentChecks(store, local, monitor, new SavedRegistrations(config.dataDir(), "checks", io));
    reaper = new CriticalReaper(node.name(), store::snapshot, Clock.systemUTC(), timers, this::reap);
  }

  private static ScriptPolicy scriptPolicy(AgentConfig c) {
    return new ScriptPolicy(c.enableScriptChecks(), c.enableLocalScriptChecks());
  }

  /** deregister_critical_service_after fired: the service may already be gone, which is fine. */
  private void reap(String serviceId) {
    try {
      local.deregister(serviceId).whenComplete((i, err) -> LOG.info("deregistered critical service " + serviceId));
    } catch (UnknownIdException e) {
      // deregistered meanwhile
    }
  }

  /**
   * The leader's periodic work (each pass is a no-op elsewhere): session TTLs and tombstones, and the serfHealth
   * of failed members. Started after the local node is registered, so its sessions are not taken for those of a
   * vanished node.
   */
  private void startLeaderDuties() {
    SessionReaper sessions = new SessionReaper(store, Clock.systemUTC());
    SerfHealthKeeper serf = membership == null ? null
        : new SerfHealthKeeper(store, membership, config.cluster().reconnectTimeout(), Clock.systemUTC());
    vertx.setPeriodic(1000, id -> {
      sessions.sweep();
      if (serf != null) serf.reconcile().whenComplete((x, err) -> {
        if (err != null) LOG.fine("serfHealth pass failed; the next one retries: " + err);
      });
    });
    // Off the publishing thread: watchers of the same snapshot are woken after this subscriber returns.
    store.snapshots().subscribe(snap -> vertx.runOnContext(v -> sessions.endDoomedSessions()));
  }

  /** Writes need a leader: the agent registers itself only once one is known. */
  private Future<Void> awaitLeader() {
    if (store.raft().knownLeader()) return Future.succeededFuture();
    if (membership != null) LOG.info("waiting for a cluster leader");
    Promise<Void> found = Promise.promise();
    vertx.setPeriodic(membership == null ? 5 : 100, id -> {
      if (store.raft().knownLeader()) {
        vertx.cancelTimer(id);
        if (membership != null) LOG.info("cluster leader known: " + cluster.leader() + ", peers " + cluster.peers());
        found.tryComplete();
      }
    });
    return found.future();
  }

  private String serverAddress() {
    return config.advertiseAddr() + ":" + serverPort;
  }

  /** The cluster port actually bound; the configured one for a lone agent, which binds none. */
  public int serfLanPort() {
    return clustered != null ? clustered.serfLanPort() : config.cluster().serfLanPort();
  }

  private Future<Void> startDns() {
    int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
    return DnsServer.start(vertx, store::snapshot, () -> dnsConfig, config.clientAddr(), config.dnsPort(),
        instances).onSuccess(server -> dns = server).<Void>mapEmpty()
        .recover(e -> Future.failedFuture(listenError("DNS", config.dnsPort(), e)));
  }

  private String listenError(String what, int port, Throwable e) {
    return "cannot listen for " + what + " on " + config.clientAddr() + ":" + port + ": " + e.getMessage();
  }

  /** The DNS view of the config. */
  private static DnsConfig dnsConfig(AgentConfig c) {
    AgentConfig.DnsSettings d = c.dns();
    DnsConfig defaults = DnsConfig.defaults(c.domain(), c.datacenter(), c.nodeName());
    return new DnsConfig(c.domain(), c.datacenter(), c.nodeName(), d.nodeTtl(), d.serviceTtl(), d.onlyPassing(),
        d.udpAnswerLimit(), d.enableTruncate(), c.recursors(), d.recursorTimeoutMillis(), d.aRecordLimit(),
        d.enableAdditionalNodeMetaTxt(), defaults.soaRefresh(), defaults.soaRetry(), defaults.soaExpire(), d.soaMinTtl());
  }

  private Future<Void> startHttp() {
    blocking = new BlockingQueries<>(vertx, store.snapshots());
    kvBlocking = new BlockingQueries<>(vertx, store.kvSnapshots());
    AgentInfo info = new AgentInfo(config.nodeName(), local.node().id(), config.datacenter(), config.advertiseAddr(),
        serverAddress(), serfLanPort(), VERSION);
    // Instances share the port across event loops; an ephemeral port (tests) cannot be shared, so one listener.
    int instances = config.httpPort() == 0 ? 1 : Math.max(1, Runtime.getRuntime().availableProcessors());
    HttpApiVerticle[] first = new HttpApiVerticle[1];
    return vertx.deployVerticle(() -> {
      HttpApiVerticle v = new HttpApiVerticle(vx -> HttpApi.router(vx, store, blocking, local, checks, info, cluster,
          this::reload, this::leave, kvBlocking, Clock.systemUTC()),
          config.clientAddr(), config.httpPort());
      if (first[0] == null) first[0] = v;
      return v;
    }, new DeploymentOptions().setInstances(instances)).onSuccess(id -> httpPort = first[0].actualPort()).<Void>mapEmpty()
        .recover(e -> Future.failedFuture(listenError("HTTP", config.httpPort(), e)));
  }

  /**
   * Re-reads the configuration and reconciles config-file services. A broken file fails the reload with its
   * name and reason, and the agent keeps serving what it had.
   */
  public CompletionStage<Void> reload() {
    // Reading the files blocks: not on the event loop that asked for the reload.
    return CompletableFuture.supplyAsync(configSource, io.forKey("config")).exceptionally(err -> {
      Throwable cause = err.getCause() != null ? err.getCause() : err;
      LOG.warning("reload failed, keeping the previous configuration: " + cause.getMessage());
      // The HTTP API answers an ApiError with its message: the file and the reason, not a stack trace.
      throw new java.util.concurrent.CompletionException(cause instanceof ConfigException
          ? new io.consulate.http.ApiError(500, cause.getMessage()) : cause);
    }).thenCompose(this::apply);
  }

  private CompletionStage<Void> apply(AgentConfig next) {
    config = next;
    dnsConfig = dnsConfig(next);
    local.scripts(scriptPolicy(next));
    return local.reconcileConfig(next.services())
        .thenCompose(v -> checks.reconcileConfig(next.checks()))
        .thenRun(() -> LOG.info("configuration reloaded: " + next.services().size() + " service(s) from config files"));
  }

  public int httpPort() {
    return httpPort;
  }

  public int dnsUdpPort() {
    return dns.udpPort();
  }

  public int dnsTcpPort() {
    return dns.tcpPort();
  }

  /** Blocking queries currently parked, for tests and metrics. */
  public int parkedQueries() {
    return blocking.parked() + kvBlocking.parked();
  }

  /**
   * A graceful leave: marks this member left and removes its node from the catalog everywhere, then closes
   * the agent and completes {@link #left()}. The returned stage completes once the catalog write is done.
   */
  public CompletionStage<Void> leave() {
    CompletionStage<Void> done = cluster.leave().thenCompose(v -> local.leaveCatalog()).thenApply(i -> null);
    done.whenComplete((v, err) -> {
      if (err != null) return;
      LOG.info("left the cluster; shutting down");
      // A moment for the HTTP reply to go out before the listeners close.
      vertx.setTimer(200, t -> close().onComplete(ar -> left.complete(null)));
    });
    return done;
  }

  /** Completes after a graceful leave has closed the agent: the process should exit. */
  public CompletionStage<Void> left() {
    return left;
  }

  /** Closes once; later calls get the same future (leave, then the shutdown hook). */
  public synchronized Future<Void> close() {
    if (closing == null) {
      if (reaper != null) reaper.stop();
      closing = vertx.close().andThen(ar -> {
        if (reservedPort != null) reservedPort.close();
        if (membership != null) membership.close();
        if (store != null) store.close();
        if (clustered != null) clustered.close();
        io.close();
      });
    }
    return closing;
  }
}
