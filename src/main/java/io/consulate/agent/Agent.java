package io.consulate.agent;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.Node;
import io.consulate.cluster.CatalogStore;
import io.consulate.cluster.Caches;
import io.consulate.cluster.ClusterView;
import io.consulate.cluster.ClusteredCaches;
import io.consulate.cluster.IndexCounter;
import io.consulate.cluster.LocalCaches;
import io.consulate.cluster.LocalIndexCounter;
import io.consulate.cluster.LoneCluster;
import io.consulate.cluster.Member;
import io.consulate.cluster.Membership;
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
import io.consulate.kv.KvStore;
import io.consulate.kv.SessionReaper;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.infinispan.Cache;

/**
 * Builds the object graph of one agent and starts it in order: store, the agent's own node and saved
 * registrations, config-file services, then the DNS and HTTP listeners. Also reload and shutdown.
 */
public final class Agent {
  private static final Logger LOG = Logger.getLogger(Agent.class.getName());
  public static final String VERSION = "1.17.0";

  private final Supplier<AgentConfig> configSource;
  private final Vertx vertx;
  private final ExecutorService io;
  private volatile AgentConfig config;
  /** Built once per (re)load, not per query: the DNS hot path reads it through a supplier. */
  private volatile DnsConfig dnsConfig;
  private Caches caches;
  private CatalogStore store;
  private LocalAgent local;
  private AgentChecks checks;
  private CriticalReaper reaper;
  private int httpPort;
  private BlockingQueries<CatalogSnapshot> blocking;
  private KvStore kv;
  private BlockingQueries<KvState> kvBlocking;
  private DnsServer dns;
  /** Null for a lone agent. */
  private final ClusteredCaches clustered;
  private ClusterView cluster;
  private Future<Void> closing;
  private final CompletableFuture<Void> left = new CompletableFuture<>();

  private Agent(Supplier<AgentConfig> configSource, AgentConfig config, Vertx vertx, ClusteredCaches clustered) {
    this.clustered = clustered;
    this.configSource = configSource;
    this.config = config;
    this.dnsConfig = dnsConfig(config);
    this.vertx = vertx;
    this.io = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "agent-io");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts an agent; {@code configSource} is re-read on reload. */
  public static Future<Agent> start(Supplier<AgentConfig> configSource) {
    AgentConfig config = configSource.get();
    VertxOptions options = new VertxOptions().setPreferNativeTransport(true);
    if (!config.cluster().enabled()) {
      return startWith(configSource, config, Vertx.builder().with(options).build(), null);
    }
    ClusteredCaches clustered = new ClusteredCaches(config.cluster(), config.datacenter(), config.nodeName(), config.dataDir());
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
      caches = clustered != null ? clustered : new LocalCaches(config.dataDir());
      Cache<String, String> catalog = caches.cache(Caches.CATALOG);
      String nodeId = NodeIdentity.load(config.dataDir());
      Cache<String, String> kvCache = caches.cache(KvStore.KV_CACHE);
      Cache<String, String> sessionCache = caches.cache(KvStore.SESSION_CACHE);
      // One index for catalog, KV and sessions, as Consul's single Raft log: seeded above all of them.
      long stored = Math.max(CatalogStore.storedIndex(catalog), KvStore.storedIndex(kvCache, sessionCache));
      IndexCounter counter = clustered != null ? clustered.indexCounter(stored, () -> cluster.knownLeader())
          : new LocalIndexCounter(stored);
      store = new CatalogStore(catalog, counter);
      kv = new KvStore(kvCache, sessionCache, counter, Clock.systemUTC());
      String addr = config.advertiseAddr();
      Member self = new Member(config.nodeName(), nodeId, addr, serfLanPort(), serverAddress(), config.datacenter(),
          Member.ALIVE, System.currentTimeMillis());
      cluster = clustered != null ? Membership.start(clustered, config.cluster(), self, catalog, store) : new LoneCluster(self);
      Node node = new Node(config.nodeName(), nodeId, addr, config.datacenter(),
          Map.of("lan", addr, "lan_ipv4", addr, "wan", addr, "wan_ipv4", addr),
          Map.of("consul-network-segment", ""), 0, 0);
      CheckTimers timers = new VertxCheckTimers(vertx, vertx.getOrCreateContext());
      CatalogStatusWriter writer = new CatalogStatusWriter(store, node.name(), Clock.systemUTC(), timers,
          CatalogStatusWriter.DEFAULT_UPDATE_INTERVAL);
      HealthMonitor monitor = HealthMonitor.create(vertx, node.name(), timers, writer, store.snapshots());
      local = new LocalAgent(store, node, monitor, new SavedRegistrations(config.dataDir(), "services", io),
          scriptPolicy(config));
      checks = new AgentChecks(store, local, monitor, new SavedRegistrations(config.dataDir(), "checks", io));
      reaper = new CriticalReaper(node.name(), store::snapshot, Clock.systemUTC(), timers, this::reap);
      return null;
    }).compose(v -> awaitLeader())
        .compose(v -> Future.fromCompletionStage(local.start()))
        .compose(v -> Future.fromCompletionStage(checks.start()))
        .compose(v -> Future.fromCompletionStage(local.reconcileConfig(config.services())))
        .compose(v -> Future.fromCompletionStage(checks.reconcileConfig(config.checks())))
        .onSuccess(v -> {
          reaper.start();
          startSessionReaper();
        })
        .compose(v -> startDns())
        .compose(v -> startHttp())
        .onSuccess(v -> LOG.info("Consulate agent running: node=" + config.nodeName() + " datacenter="
            + config.datacenter() + " http=" + config.clientAddr() + ":" + httpPort + " dns=" + config.clientAddr()
            + ":" + dns.udpPort() + " (udp+tcp)" + (config.dataDir() == null ? " in-memory" : " data-dir=" + config.dataDir())));
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

  /** After the local node is registered, so its sessions are not taken for those of a vanished node. */
  private void startSessionReaper() {
    SessionReaper sessions = new SessionReaper(kv, store::snapshot);
    vertx.setPeriodic(1000, id -> sessions.sweep());
    // Off the publishing thread: watchers of the same snapshot are woken after this subscriber returns.
    store.snapshots().subscribe(snap -> vertx.runOnContext(v -> sessions.endDoomedSessions()));
  }

  /** A clustered agent registers itself once the cluster has a leader (bootstrap-expect servers joined). */
  private Future<Void> awaitLeader() {
    if (!(cluster instanceof Membership m)) return Future.succeededFuture();
    if (!cluster.knownLeader()) LOG.info("waiting for a cluster leader (bootstrap_expect " + config.cluster().bootstrapExpect() + ")");
    return Future.fromCompletionStage(m.leaderFound());
  }

  private String serverAddress() {
    return config.advertiseAddr() + ":" + config.serverPort();
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
    kvBlocking = new BlockingQueries<>(vertx, kv.snapshots());
    AgentInfo info = new AgentInfo(config.nodeName(), local.node().id(), config.datacenter(), config.advertiseAddr(),
        serverAddress(), serfLanPort(), VERSION);
    // Instances share the port across event loops; an ephemeral port (tests) cannot be shared, so one listener.
    int instances = config.httpPort() == 0 ? 1 : Math.max(1, Runtime.getRuntime().availableProcessors());
    HttpApiVerticle[] first = new HttpApiVerticle[1];
    return vertx.deployVerticle(() -> {
      HttpApiVerticle v = new HttpApiVerticle(vx -> HttpApi.router(vx, store, blocking, local, checks, info, cluster,
          this::reload, this::leave, kv, kvBlocking),
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
    AgentConfig next;
    try {
      next = configSource.get();
    } catch (ConfigException e) {
      LOG.warning("reload failed, keeping the previous configuration: " + e.getMessage());
      return CompletableFuture.failedFuture(e);
    }
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
        if (cluster instanceof Membership m) m.close();
        if (store != null) store.close();
        if (kv != null) kv.close();
        if (caches != null) caches.close();
        else if (clustered != null) clustered.close();
        io.shutdown();
      });
    }
    return closing;
  }
}
