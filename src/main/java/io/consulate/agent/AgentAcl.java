package io.consulate.agent;

import io.consulate.acl.AclResolver;
import io.consulate.acl.AclState;
import io.consulate.acl.AclToken;
import io.consulate.acl.Authorizer;
import io.consulate.acl.Authorizers;
import io.consulate.acl.BuiltinPolicies;
import io.consulate.cluster.Datacenters;
import io.consulate.dns.DnsConfig;
import io.consulate.http.AclHttp;
import io.consulate.store.AclReplicator;
import io.consulate.local.ServiceDefinition;
import io.consulate.store.AclCommand;
import io.consulate.store.Store;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The agent's side of ACLs: the resolver every HTTP request goes through, the DNS view answered with the
 * {@code dns} token, and a server's duty to create the built-in policy, the anonymous token and the configured
 * initial management token. Nothing of it exists with ACLs off.
 */
final class AgentAcl {
  private static final Logger LOG = Logger.getLogger(AgentAcl.class.getName());

  private final Store store;
  private final Supplier<AgentConfig> config;
  private final AclResolver resolver;
  private final AclReplicator replicator;
  /** The DNS view last built, and what it was built from: rebuilt only when either changes. */
  private volatile DnsView dns = new DnsView(null, null, -1, null);
  /** Moves when a token is set through the API: the DNS view is rebuilt then (a reload brings a new base). */
  private volatile int tokensVersion;
  private volatile boolean warnedDnsToken;
  /** A registration of the agent's was blocked: worth trying again when the ACL state changes. */
  private volatile boolean blocked;

  private record DnsView(AclState state, DnsConfig base, int tokens, DnsConfig withAcl) {}

  AgentAcl(Store store, Supplier<AgentConfig> config, Datacenters datacenters) {
    this.store = store;
    this.config = config;
    AclSettings acl = config.get().acl();
    this.resolver = !acl.enabled() ? null : new AclResolver(store::aclState, config.get().datacenter(),
        acl.defaultPolicy(),
        () -> token("default"));
    this.replicator = resolver == null || !config.get().server() || primary() ? null
        : new AclReplicator(store, datacenters, acl.primaryDatacenter(), () -> token("replication"),
            java.time.Clock.systemUTC());
  }

  private boolean primary() {
    return config.get().acl().primaryDatacenter().equals(config.get().datacenter());
  }

  /** What the HTTP API needs; null with ACLs off. */
  AclHttp http() {
    return resolver == null ? null
        : new AclHttp(resolver, config.get().acl().primaryDatacenter(), replicator == null ? null : replicator::status,
            this::setToken);
  }

  /** A secondary datacenter's server starts pulling the primary's ACLs (it writes only while it leads). */
  void startReplication() {
    if (replicator != null) replicator.start();
  }

  void close() {
    if (replicator != null) replicator.close();
  }

  /** {@code base} answering with what the {@code dns} token (else {@code default}) may read. */
  DnsConfig dns(DnsConfig base) {
    if (resolver == null) return base;
    AclState state = store.aclState();
    int tokens = tokensVersion;
    DnsView v = dns;
    if (v.state() == state && v.base() == base && v.tokens() == tokens) return v.withAcl();
    DnsConfig built = base.withAcl(dnsAuthorizer());
    dns = new DnsView(state, base, tokens, built);
    return built;
  }

  private Authorizer dnsAuthorizer() {
    try {
      return resolver.resolve(dnsToken()).authorizer();
    } catch (io.consulate.acl.AclNotFoundException e) {
      if (!warnedDnsToken) LOG.warning("the DNS token (acl.tokens.dns or default) is not a known token: DNS answers nothing until it is");
      warnedDnsToken = true;
      return Authorizers.denyAll();
    }
  }

  /**
   * Whether the agent's own token ({@code acl.tokens.agent}, else {@code default}, else anonymous) may register
   * {@code d}: config-file services and anti-entropy's repairs are the agent's writes, as in Consul, and one it may
   * not make is logged as Consul logs it and left out.
   */
  boolean mayRegister(ServiceDefinition d) {
    if (resolver == null) return true;
    AclResolver.Identity id;
    try {
      String agent = token("agent");
      id = resolver.resolve(agent.isEmpty() ? token("default") : agent);
    } catch (io.consulate.acl.AclNotFoundException e) {
      LOG.warning("Service registration blocked by ACLs: service=" + d.id() + " error=\"ACL not found\"");
      blocked = true;
      return false;
    }
    if (id.authorizer().serviceWrite(d.name())) return true;
    LOG.warning("Service registration blocked by ACLs: service=" + d.id() + " accessorID=" + id.accessorId());
    blocked = true;
    return false;
  }

  /** The config-file services the agent's token may register. */
  List<ServiceDefinition> registrable(List<ServiceDefinition> services) {
    blocked = false;
    return services.stream().filter(this::mayRegister).toList();
  }

  /** Whether the last look left a registration out (the agent token may be created or granted later). */
  boolean blocked() {
    return blocked;
  }

  /**
   * {@code datacenters} as DNS uses them: another datacenter's entries are asked for with the DNS token, so that
   * datacenter answers what the token may read there (the primary's tokens are replicated to it).
   */
  Datacenters forDns(Datacenters datacenters) {
    if (resolver == null) return datacenters;
    return new Datacenters() {
      public java.util.List<String> nearestFirst() {
        return datacenters.nearestFirst();
      }

      public java.util.concurrent.CompletionStage<io.consulate.cluster.ForwardedReply> forward(String dc,
          io.consulate.cluster.ForwardedRequest request, long timeoutMillis) {
        String token = dnsToken();
        if (token.isEmpty()) return datacenters.forward(dc, request, timeoutMillis);
        java.util.List<java.util.Map.Entry<String, String>> headers = new java.util.ArrayList<>(request.headers());
        headers.add(java.util.Map.entry("X-Consul-Token", token));
        return datacenters.forward(dc, new io.consulate.cluster.ForwardedRequest(request.method(), request.uri(), headers,
            request.body()), timeoutMillis);
      }

      public java.util.List<io.consulate.cluster.Member> wanMembers() {
        return datacenters.wanMembers();
      }

      public java.util.concurrent.CompletionStage<Void> joinWan(String address) {
        return datacenters.joinWan(address);
      }
    };
  }

  /** Consul's token kinds an operator may set at run time ({@code PUT /v1/agent/token/<kind>}). */
  private static final java.util.Set<String> KINDS = java.util.Set.of("default", "agent", "dns", "replication",
      "agent_recovery", "config_file_service_registration");
  /** Tokens set through the API: they win over the config's until the agent restarts (no token persistence). */
  private final java.util.Map<String, String> setTokens = new java.util.concurrent.ConcurrentHashMap<>();

  /** The agent's token of this kind: set through the API, else the config's. */
  String token(String kind) {
    String set = setTokens.get(kind);
    if (set != null) return set;
    AclSettings a = config.get().acl();
    return switch (kind) {
      case "default" -> a.defaultToken();
      case "agent" -> a.agent();
      case "dns" -> a.dns();
      case "replication" -> a.replication();
      default -> "";
    };
  }

  /** DNS answers with the {@code dns} token, else the {@code default} one. */
  private String dnsToken() {
    String dnsToken = token("dns");
    return dnsToken.isEmpty() ? token("default") : dnsToken;
  }

  /** {@code PUT /v1/agent/token/<kind>}: false for a kind Consul does not have. */
  private boolean setToken(String kind, String secret) {
    if (!KINDS.contains(kind)) return false;
    setTokens.put(kind, secret);
    tokensVersion++;
    LOG.info("Updated agent's ACL token: token=" + kind);
    return true;
  }

  /** A server's periodic duty: the ACL state's built-in objects, created once (by whichever server gets there). */
  void initialize() {
    if (resolver == null || !config.get().server() || !primary()) return;
    AclState s = store.aclState();
    String initial = config.get().acl().initialManagement();
    boolean missing = s.policy(BuiltinPolicies.GLOBAL_MANAGEMENT_ID) == null
        || s.token(BuiltinPolicies.ANONYMOUS_TOKEN_ACCESSOR_ID) == null
        || (!initial.isEmpty() && s.tokenBySecret(initial) == null);
    if (!missing || !store.isLeader()) return;
    String now = OffsetDateTime.now().toString();
    AclToken management = initial.isEmpty() ? null : new AclToken(UUID.randomUUID().toString(), initial,
        "Initial Management Token", List.of(), List.of(), List.of(), List.of(), false, now, "", 0, 0);
    store.submit(new AclCommand.Init(management, now)).whenComplete((w, err) -> {
      if (err != null) LOG.fine("ACL initialization failed; the next pass retries: " + err);
      else LOG.info("ACLs initialized: the global-management policy and the anonymous token"
          + (management != null ? ", and the initial management token" : ""));
    });
  }
}
