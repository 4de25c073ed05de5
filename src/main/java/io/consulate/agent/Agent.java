package io.consulate.agent;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.Node;
import io.consulate.catalog.NodeMetadata;
import io.consulate.cluster.ClientView;
import io.consulate.cluster.ClusterView;
import io.consulate.cluster.ClusteredCaches;
import io.consulate.cluster.JoinAddress;
import io.consulate.cluster.JoiningCluster;
import io.consulate.cluster.DatacenterErrors;
import io.consulate.cluster.Datacenters;
import io.consulate.cluster.DatacentersRef;
import io.consulate.cluster.WanPool;
import io.consulate.cluster.WanSettings;
import io.consulate.http.LocalReplay;
import io.consulate.query.QueryExecutor;
import io.consulate.cluster.KnownAddresses;
import io.consulate.cluster.LinkClient;
import io.consulate.cluster.LinkServer;
import io.consulate.cluster.LoneCluster;
import io.consulate.cluster.Member;
import io.consulate.cluster.ProtocolGate;
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
import io.consulate.http.LogStream;
import io.consulate.http.SnapshotReads;
import io.consulate.ui.UiRoutes;
import io.consulate.kv.KvState;
import io.consulate.local.AgentChecks;
import io.consulate.local.AgentIo;
import io.consulate.local.AntiEntropy;
import io.consulate.local.LocalAgent;
import io.consulate.local.SavedRegistrations;
import io.consulate.local.ScriptPolicy;
import io.consulate.local.UnknownIdException;
import io.consulate.store.SerfHealthKeeper;
import io.consulate.store.SessionReaper;
import io.consulate.store.Store;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Builds the object graph of one agent and starts it in its role (DESIGN.md):
 * <ul>
 *   <li>a <b>server</b> ({@code -server}) joins the LAN view and, once it knows its group's servers, the Raft
 *   group; it streams the state to clients over their links;
 *   <li>a <b>client</b> (no {@code -server}, something to join) mirrors a server's state over a link and
 *   writes through it;
 *   <li>a <b>lone</b> agent ({@code -dev}, or nothing to join) is a server of one, and becomes a client when
 *   told to join.
 * </ul>
 * DNS and HTTP listen at once (a server's before it joins its LAN); the agent's own registrations are written
 * once a leader takes them (a lone agent's before it listens, as it leads at once). Also reload, leave and shutdown.
 */
public final class Agent {
  private static final Logger LOG = Logger.getLogger(Agent.class.getName());
  public static final String VERSION = "1.17.0";
  /** How often anti-entropy compares this agent's registrations with the catalog. */
  private static final long ANTI_ENTROPY_MILLIS = 2_000;

  private enum Role { SERVER, CLIENT, LONE }

  private final Supplier<AgentConfig> configSource;
  private final Vertx vertx;
  /** The event loop the agent's own callbacks and its client link run on. */
  private final Context context;
  private final AgentIo io = new AgentIo();
  private volatile AgentConfig config;
  /** Built once per (re)load, not per query: the DNS hot path reads it through a supplier. */
  private volatile DnsConfig dnsConfig;
  private volatile Role role;
  private final AgentMetrics metrics = new AgentMetrics();
  /** The log as GET /v1/agent/monitor streams it, fed from the root logger while the agent runs. */
  private final LogStream logStream = new LogStream(new java.util.logging.SimpleFormatter(), new JsonLogFormatter(),
      LogLevels::monitorWants);
  private final Store store = Store.create(metrics.registry);
  private LocalAgent local;
  private AgentChecks checks;
  private CriticalReaper reaper;
  private AntiEntropy antiEntropy;
  private int httpPort;
  /** -1 while HTTPS is off. */
  private int httpsPort = -1;
  private BlockingQueries<CatalogSnapshot> blocking;
  private BlockingQueries<KvState> kvBlocking;
  private DnsServer dns;
  /** Null unless a server. */
  private final ClusteredCaches clustered;
  private Membership membership;
  private LinkServer linkServer;
  private LinkClient linkClient;
  private ClusterView cluster;
  private KnownAddresses known;
  /** What to join at start: the join flags, and what {@code -rejoin} (or an earlier run not left) remembers. */
  private List<String> joins = List.of();
  /** The server RPC port in use: the configured one, or a free one if the default is busy. */
  private int serverPort;
  private ServerPort reservedPort;
  /** A server's serf WAN port, held until its WAN pool binds it. */
  private ServerPort reservedWanPort;
  /** Null unless a server in the WAN pool. */
  private WanPool wan;
  /** Where requests for other datacenters go: this agent's WAN pool once it is in one. */
  private final DatacentersRef datacenters;
  /** Prepared queries, for the HTTP API and DNS. */
  private final QueryExecutor queries;
  private final AgentAcl acl;
  private Member self;
  private Future<Void> closing;
  private final CompletableFuture<Void> left = new CompletableFuture<>();
  private final CompletableFuture<Void> registered = new CompletableFuture<>();

  private Agent(Supplier<AgentConfig> configSource, AgentConfig config, Vertx vertx, ClusteredCaches clustered) {
    this.clustered = clustered;
    this.configSource = configSource;
    this.config = config;
    this.dnsConfig = dnsConfig(config);
    this.serverPort = config.serverPort();
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.datacenters = new DatacentersRef(Datacenters.only(config.datacenter(),
        config.server() && !config.wan().enabled() ? DatacenterErrors.WAN_DISABLED : DatacenterErrors.NOT_IN_WAN));
    this.queries = new QueryExecutor(store::snapshot, store::kvState, datacenters, config.datacenter(), config.nodeName());
    store.gate(new ProtocolGate(config.protocol(), () -> cluster == null ? List.of() : cluster.members()));
    this.acl = new AgentAcl(store, () -> this.config, datacenters);
  }

  /** Starts an agent; {@code configSource} is re-read on reload. */
  public static Future<Agent> start(Supplier<AgentConfig> configSource) {
    AgentConfig config = configSource.get();
    ClusteredCaches clustered = config.cluster().enabled()
        ? new ClusteredCaches(config.cluster(), config.datacenter(), config.nodeName()) : null;
    return startWith(configSource, config, Vertx.builder().with(vertxOptions()).build(), clustered);
  }

  private static VertxOptions vertxOptions() {
    return new VertxOptions().setPreferNativeTransport(true);
  }

  private static Future<Agent> startWith(Supplier<AgentConfig> configSource, AgentConfig config, Vertx vertx,
      ClusteredCaches clustered) {
    Agent agent = new Agent(configSource, config, vertx, clustered);
    Future<Void> started = Future.future(p -> agent.context.runOnContext(v -> agent.startAll().onComplete(p)));
    return started.map(agent).recover(err -> {
      LOG.log(java.util.logging.Level.FINE, "start failed", err);
      agent.close(); // not awaited: the caller exits, and Vert.x cannot complete its own close on its event loop
      return Future.failedFuture(err);
    });
  }

  private Future<Void> startAll() {
    if (!config.dev() && !config.acl().enabled() && !Addresses.loopbackOnly(config.clientAddr())) {
      LOG.warning("client_addr " + config.clientAddr() + " is reachable beyond this host and ACLs are off"
          + " (acl.enabled): anyone who reaches the HTTP and DNS ports can read and change the catalog and KV");
    }
    return vertx.executeBlocking(() -> {
      prepare();
      return null;
    }).compose(v -> {
      buildLocal();
      if (role == Role.CLIENT) linkClient = newLinkClient();
      return role == Role.LONE ? registerLocal() : Future.succeededFuture();
    })
        .compose(v -> startDns())
        .compose(v -> startHttp())
        .compose(v -> role == Role.SERVER ? joinLan().compose(x -> startLinkServer()) : Future.succeededFuture())
        .onSuccess(v -> {
          startMetrics();
          LOG.info("Consulate agent running: node=" + config.nodeName() + " datacenter=" + config.datacenter()
              + " role=" + role.name().toLowerCase(java.util.Locale.ROOT) + " http="
              + (config.httpPort() < 0 ? "off" : config.clientAddr() + ":" + httpPort)
              + (httpsPort >= 0 ? " https=" + config.clientAddr() + ":" + httpsPort : "")
              + " dns=" + config.clientAddr() + ":" + dns.udpPort() + " (udp+tcp)"
              + (config.dataDir() == null ? " in-memory" : " data-dir=" + config.dataDir()));
          // Other datacenters are served once this server's state is its Raft group's, never from an empty store.
          if (role == Role.SERVER) joinRaftGroup().onSuccess(x -> joinWan()).compose(x -> registerLocal());
          if (role == Role.CLIENT) {
            linkTo(joins);
            registerLocal();
          }
        });
  }

  /** Identity, role and, for a lone agent, its Raft log; blocks (data dir). */
  private void prepare() throws java.io.IOException {
    String nodeId = config.nodeId() != null ? config.nodeId() : NodeIdentity.load(config.dataDir());
    known = new KnownAddresses(config.dataDir());
    LinkedHashSet<String> toJoin = new LinkedHashSet<>(config.cluster().join());
    if (!config.dev()) toJoin.addAll(known.toRejoin(config.rejoin()));
    joins = List.copyOf(toJoin);
    role = clustered != null ? Role.SERVER : !config.dev() && !joins.isEmpty() ? Role.CLIENT : Role.LONE;
    if (role == Role.SERVER) {
      reservedPort = ServerPort.reserve(config.cluster().bindAddr(), config.serverPort());
      serverPort = reservedPort.port();
      if (config.wan().enabled()) {
        reservedWanPort = ServerPort.reserve(config.cluster().bindAddr(), config.wan().serfWanPort(),
            WanSettings.DEFAULT_SERF_WAN_PORT, "serf WAN port", "-serf-wan-port");
      }
    }
    self = member(nodeId, role != Role.CLIENT);
    switch (role) {
      case SERVER -> cluster = new JoiningCluster(self); // joined after HTTP and DNS listen: joinLan
      case CLIENT -> { } // the link needs the event loop: built by the caller
      case LONE -> {
        java.nio.file.Path logDir = config.dataDir() == null ? null : config.dataDir().resolve("raft");
        try {
          store.startRaft(RaftSettings.lone(config.nodeName(), logDir), "consulate-raft-" + config.datacenter());
        } catch (Exception e) {
          throw new IllegalStateException("cannot open the Raft log in " + logDir + ": " + e.getMessage(), e);
        }
        cluster = new LoneCluster(self, this::becomeClient);
      }
    }
  }

  private Member member(String nodeId, boolean server) {
    return new Member(config.nodeName(), nodeId, config.advertiseAddr(), serfLanPort(),
        server ? config.advertiseAddr() + ":" + serverPort : "", config.datacenter(), Member.ALIVE,
        System.currentTimeMillis(), server, "", config.protocol(), reservedWanPort == null ? 0 : reservedWanPort.port());
  }

  /** This server as the WAN pool knows it: {@code node.dc}, at its serf WAN port. */
  private Member wanMember() {
    return new Member(config.nodeName() + "." + config.datacenter(), self.nodeId(), self.address(),
        reservedWanPort.port(), self.serverAddress(), config.datacenter(), Member.ALIVE, System.currentTimeMillis(),
        true, "", config.protocol(), reservedWanPort.port());
  }

  /** A client's link, feeding the store's mirror and carrying its writes; on the agent's event loop. */
  private LinkClient newLinkClient() {
    Member asClient = member(self.nodeId(), false);
    LinkClient link = new LinkClient(vertx, context, asClient, store.mirror(), store::mirrorReceived, known,
        config.cluster().encrypt());
    store.follow(link);
    cluster = new ClientView(link, asClient);
    datacenters.set(link); // other datacenters through the servers
    return link;
  }

  private void linkTo(List<String> addresses) {
    LOG.info("joining the servers at " + String.join(", ", addresses));
    linkClient.join(addresses).whenComplete((v, err) -> {
      if (err != null) LOG.warning(err.getMessage() + "; still trying");
    });
  }

  /** A lone agent told to join: it becomes a client linked there (its own log is dropped, its registrations re-synced). */
  private CompletionStage<ClusterView> becomeClient(String address) {
    CompletableFuture<ClusterView> done = new CompletableFuture<>();
    context.runOnContext(v -> vertx.executeBlocking(() -> {
      LinkClient link = newLinkClient(); // closes the lone Raft node: blocking
      role = Role.CLIENT;
      return link;
    }).onComplete(ar -> {
      if (ar.failed()) {
        done.completeExceptionally(ar.cause());
        return;
      }
      LOG.info("joining " + address + " as a client; this agent's own state is now the servers'");
      ar.result().join(List.of(address)).whenComplete((x, err) -> {
        if (err != null) {
          done.completeExceptionally(err);
          return;
        }
        done.complete(cluster);
        // The servers' catalog does not have this agent's registrations yet: bring them over now, not in two passes.
        store.barrier().thenCompose(i -> antiEntropy.syncNow()).whenComplete((n, e) -> {
          if (e != null) LOG.fine("first sync after joining failed; anti-entropy retries: " + e);
        });
      });
    }));
    return done;
  }

  /**
   * A server joins its LAN once it answers HTTP and DNS: starting Infinispan and waiting for JGroups' first view
   * takes seconds when several servers start together on a small machine. Then its member record is written
   * (with the serf port JGroups bound) and its view becomes the cluster's.
   */
  private Future<Void> joinLan() {
    return Future.fromCompletionStage(clustered.join(vertxOptions()).toCompletionStage(), context)
        .compose(v -> vertx.executeBlocking(() -> {
          self = member(self.nodeId(), true);
          Membership joined = Membership.start(clustered, self, known); // blocks on the first replicated write
          for (String a : joins) joined.join(a); // the saved ones; the flags' are in the stack already
          return joined;
        }))
        .onSuccess(joined -> {
          membership = joined;
          ((JoiningCluster) cluster).joined(joined);
        }).mapEmpty();
  }

  /**
   * A server then joins the WAN pool, where the servers of every datacenter meet, and from then on answers
   * requests forwarded from other datacenters, and forwards those for them.
   */
  private void joinWan() {
    if (reservedWanPort == null) return; // ports.serf_wan = -1: no WAN
    boolean plain = config.httpPort() >= 0;
    LocalReplay replay = new LocalReplay(vertx, config.clientAddr(), () -> plain ? httpPort : httpsPort,
        plain ? new io.vertx.core.http.HttpClientOptions() : HttpsOptions.selfClient(config.tls()));
    vertx.executeBlocking(() -> {
      reservedWanPort.close();
      WanSettings settings = new WanSettings(reservedWanPort.port(), config.wan().join(), config.wan().encrypt());
      WanPool pool = WanPool.start(settings, config.cluster().bindAddr(), config.datacenter(), wanMember(),
          config.cluster().reconnectTimeout().toMillis());
      pool.serve(replay);
      pool.floodFrom(membership);
      return pool;
    }).onSuccess(pool -> {
      synchronized (this) {
        if (closing != null) { // closed while joining: leave again at once
          pool.close();
          return;
        }
        wan = pool;
      }
      datacenters.set(pool);
    }).onFailure(e -> LOG.severe("cannot join the WAN pool on " + config.cluster().bindAddr() + ":"
        + reservedWanPort.port() + ": " + e.getMessage() + "; other datacenters are out of reach"));
  }

  /**
   * Clients' links land here. A taken port does not stop the server (its peers and the clients linked to them
   * still work); clients that name this server only reach the cluster through another one.
   */
  private Future<Void> startLinkServer() {
    return LinkServer.start(vertx, config.cluster().bindAddr(), serfLanPort() + JoinAddress.LINK_PORT_OFFSET,
        config.nodeName(), membership, store.feed(), store::forward, datacenters, config.cluster().encrypt()).onSuccess(s -> linkServer = s)
        .<Void>mapEmpty().recover(e -> {
          LOG.warning(e.getMessage() + "; clients cannot link to this server");
          return Future.succeededFuture();
        });
  }

  /** A server finds its group's servers (waiting for them as long as it takes), then joins the Raft group. */
  private Future<Void> joinRaftGroup() {
    java.nio.file.Path logDir = config.dataDir() == null ? null : config.dataDir().resolve("raft");
    RaftPeers peers = new RaftPeers(logDir, membership, config.cluster().bootstrapExpect(), self);
    if (!peers.known()) LOG.info("waiting for the servers of the cluster (bootstrap_expect " + config.cluster().bootstrapExpect() + ")");
    return Future.fromCompletionStage(peers.find(), context)
        .compose(found -> vertx.executeBlocking(() -> {
          if (reservedPort != null) reservedPort.close();
          RaftSettings settings = new RaftSettings(config.nodeName(), found.names(), config.cluster().bindAddr(),
              serverPort, found.addresses(), logDir, false, config.cluster().encrypt());
          membership.attach(store.startRaft(settings, "consulate-raft-" + config.datacenter()));
          return null;
        }))
        .<Void>mapEmpty()
        .onFailure(e -> LOG.severe("cannot join the Raft group: " + e.getMessage()));
  }

  /**
   * The agent's own node, saved checks and config-file registrations, each retried until a leader takes it;
   * then the timers that keep them: critical-service reaping, anti-entropy, and the leader's duties.
   */
  private Future<Void> registerLocal() {
    StartupWrites writes = new StartupWrites(vertx);
    // Each step runs even if the one before failed for good (logged): one bad definition loses nothing else.
    return writes.untilAccepted("this node's registration", local::start)
        .eventually(() -> writes.untilAccepted("saved checks", checks::start))
        .eventually(() -> writes.untilAccepted("config-file services", () -> local.reconcileConfig(acl.registrable(config.services()))))
        .eventually(() -> writes.untilAccepted("config-file checks", () -> checks.reconcileConfig(config.checks())))
        .onComplete(ar -> {
          // A step that failed for good (logged) is not a reason to stop keeping the rest: anti-entropy then
          // brings the catalog in line with this agent, as it does for every later difference.
          reaper.start();
          startAntiEntropy();
          // A config-file service the agent token could not register is tried again when the ACLs change.
          store.aclSnapshots().subscribe(s -> context.runOnContext(v -> {
            if (acl.blocked()) local.reconcileConfig(acl.registrable(config.services()));
          }));
          if (role != Role.CLIENT) startLeaderDuties();
          registered.complete(null);
        });
  }

  /** {@code -node-meta} and {@code node_meta}, with the network segment every Consul node carries. */
  private Map<String, String> nodeMeta() {
    Map<String, String> meta = new java.util.LinkedHashMap<>(config.nodeMeta());
    meta.put(NodeMetadata.RESERVED_PREFIX + "network-segment", "");
    return meta;
  }

  private void buildLocal() {
    Node node = new Node(config.nodeName(), self.nodeId(), self.address(), config.datacenter(),
        Map.of("lan", self.address(), "lan_ipv4", self.address(), "wan", self.address(), "wan_ipv4", self.address()),
        nodeMeta(), 0, 0);
    CheckTimers timers = new VertxCheckTimers(vertx, context);
    CatalogStatusWriter writer = new CatalogStatusWriter(store, node.name(), Clock.systemUTC(), timers,
        CatalogStatusWriter.DEFAULT_UPDATE_INTERVAL);
    HealthMonitor monitor = HealthMonitor.create(vertx, node.name(), timers, writer, store.snapshots(),
        metrics.registry);
    local = new LocalAgent(store, node, monitor, new SavedRegistrations(config.dataDir(), "services", io),
        scriptPolicy(config));
    checks = new AgentChecks(store, local, monitor, new SavedRegistrations(config.dataDir(), "checks", io));
    reaper = new CriticalReaper(node.name(), store::snapshot, Clock.systemUTC(), timers, this::reap);
    antiEntropy = new AntiEntropy(store, local, checks, acl::mayRegister);
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

  /** One pass at a time; a failed pass (no leader) is simply tried again on the next tick. */
  private void startAntiEntropy() {
    AntiEntropy sync = antiEntropy;
    boolean[] running = {false};
    vertx.setPeriodic(ANTI_ENTROPY_MILLIS, id -> {
      if (running[0]) return;
      running[0] = true;
      sync.pass().whenComplete((n, err) -> context.runOnContext(v -> {
        running[0] = false;
        if (err != null) LOG.fine("anti-entropy pass failed; the next one retries: " + err);
      }));
    });
  }

  /**
   * The leader's periodic work (each pass is a no-op elsewhere): session TTLs and tombstones, and the serfHealth
   * of failed members. Started after the local node is registered, so its sessions are not taken for those of a
   * vanished node.
   */
  private void startLeaderDuties() {
    SessionReaper sessions = new SessionReaper(store, Clock.systemUTC());
    SerfHealthKeeper serf = new SerfHealthKeeper(store, membership != null ? membership : cluster,
        config.cluster().reconnectTimeout(), Clock.systemUTC(), VERSION);
    acl.startReplication();
    vertx.setPeriodic(0, 1000, id -> {
      acl.initialize();
      sessions.sweep();
      serf.reconcile().whenComplete((x, err) -> {
        if (err != null) LOG.fine("serfHealth pass failed; the next one retries: " + err);
      });
    });
    // Off the publishing thread: watchers of the same snapshot are woken after this subscriber returns.
    store.snapshots().subscribe(snap -> context.runOnContext(v -> sessions.endDoomedSessions()));
  }

  /** The cluster port actually bound; the configured one for an agent that binds none. */
  public int serfLanPort() {
    return clustered != null ? clustered.serfLanPort() : config.cluster().serfLanPort();
  }

  /** The agent-wide gauges; the leader this agent knows is sampled every second for the changes counter. */
  private void startMetrics() {
    metrics.watch(() -> cluster, store::snapshot, config.nodeName(), this::parkedQueries);
    vertx.setPeriodic(1000, id -> metrics.sampleLeader(cluster));
  }

  private Future<Void> startDns() {
    int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
    return DnsServer.start(vertx, store::snapshot, () -> acl.dns(dnsConfig), acl.forDns(datacenters), queries, config.clientAddr(), config.dnsPort(),
        instances, metrics.registry).onSuccess(server -> dns = server).<Void>mapEmpty()
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
        d.enableAdditionalNodeMetaTxt(), defaults.soaRefresh(), defaults.soaRetry(), defaults.soaExpire(), d.soaMinTtl(), null);
  }

  private Future<Void> startHttp() {
    UiRoutes ui = new UiRoutes(store.snapshots(), store.kvSnapshots(), Clock.systemUTC());
    blocking = new BlockingQueries<>(vertx, store.snapshots());
    kvBlocking = new BlockingQueries<>(vertx, store.kvSnapshots());
    AgentInfo info = new AgentInfo(self, VERSION);
    ClusterView view = cluster;
    java.util.logging.LogManager.getLogManager().getLogger("").addHandler(logStream);
    ui.serve(config.ui().enabled(), config.ui().dir(),
        new SnapshotReads<>(blocking, info.datacenter(), view, store::barrier), info.datacenter());
    java.util.function.Function<Vertx, io.vertx.ext.web.Router> routes = vx -> HttpApi.router(vx, store, blocking, local,
        checks, info, view, this::reload, this::leave, kvBlocking, Clock.systemUTC(), metrics.registry, logStream,
        datacenters, queries, acl.http(), ui::mount);
    Future<Void> plain = config.httpPort() < 0 ? Future.succeededFuture()
        : listen("HTTP", config.httpPort(), new io.vertx.core.http.HttpServerOptions(), routes, p -> httpPort = p);
    return plain.compose(v -> config.httpsPort() < 0 ? Future.succeededFuture()
        : listen("HTTPS", config.httpsPort(), HttpsOptions.server(config.tls()), routes, p -> httpsPort = p));
  }

  /** One API listener; instances share the port across event loops (an ephemeral port, in tests, cannot be shared). */
  private Future<Void> listen(String what, int port, io.vertx.core.http.HttpServerOptions options,
      java.util.function.Function<Vertx, io.vertx.ext.web.Router> routes, java.util.function.IntConsumer bound) {
    int instances = port == 0 ? 1 : Math.max(1, Runtime.getRuntime().availableProcessors());
    HttpApiVerticle[] first = new HttpApiVerticle[1];
    return vertx.deployVerticle(() -> {
      HttpApiVerticle v = new HttpApiVerticle(routes, config.clientAddr(), port, options);
      if (first[0] == null) first[0] = v;
      return v;
    }, new DeploymentOptions().setInstances(instances)).onSuccess(id -> bound.accept(first[0].actualPort())).<Void>mapEmpty()
        .recover(e -> Future.failedFuture(listenError(what, port, e)));
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
    return local.reconcileConfig(acl.registrable(next.services()))
        .thenCompose(v -> checks.reconcileConfig(next.checks()))
        .thenRun(() -> LOG.info("configuration reloaded: " + next.services().size() + " service(s) from config files"));
  }

  /** The HTTPS port bound, or -1 when HTTPS is off. */
  public int httpsPort() {
    return httpsPort;
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

  /** Whether this agent is now a client of servers (not a server, nor a lone agent holding its own state). */
  public boolean isClient() {
    return role == Role.CLIENT;
  }

  /** Blocking queries currently parked, for tests and metrics. */
  public int parkedQueries() {
    return blocking.parked() + kvBlocking.parked();
  }

  /**
   * A graceful leave: removes this agent's node from the catalog everywhere and marks its member left, then
   * closes the agent and completes {@link #left()}. The returned stage completes once both are done.
   */
  public CompletionStage<Void> leave() {
    CompletionStage<Void> done = local.leaveCatalog().thenCompose(i -> cluster.leave());
    done.whenComplete((v, err) -> {
      if (err != null) return;
      LOG.info("left the cluster; shutting down");
      // A moment for the HTTP reply to go out before the listeners close.
      vertx.setTimer(200, t -> close().onComplete(ar -> left.complete(null)));
    });
    return done;
  }

  /** Completes once a leader has taken this agent's node and its own registrations (at once for a lone agent). */
  public CompletionStage<Void> registered() {
    return registered;
  }

  /** Completes after a graceful leave has closed the agent: the process should exit. */
  public CompletionStage<Void> left() {
    return left;
  }

  /** Closes once; later calls get the same future (leave, then the shutdown hook). */
  public synchronized Future<Void> close() {
    if (closing == null) {
      if (reaper != null) reaper.stop();
      acl.close();
      // Leave the WAN first, as Consul does: other datacenters stop choosing this server before it stops answering.
      if (wan != null) wan.close();
      java.util.logging.LogManager.getLogManager().getLogger("").removeHandler(logStream);
      if (linkClient != null) linkClient.close();
      if (linkServer != null) linkServer.close();
      Future<Void> lanLeft = clustered != null ? vertx.close().transform(ar -> clustered.leave()) : vertx.close();
      closing = lanLeft.andThen(ar -> {
        if (reservedPort != null) reservedPort.close();
        if (reservedWanPort != null) reservedWanPort.close();
        if (membership != null) membership.close();
        store.close();
        if (clustered != null) clustered.close();
        io.close();
        metrics.close();
      });
    }
    return closing;
  }
}
