package io.consulate.agent;

import io.consulate.local.ServiceDefinition;
import io.consulate.local.CheckSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The agent's effective configuration after defaults, config files (lexical order) and flags were merged.
 * Keys follow Consul's config file names; {@code dataDir} is null for an in-memory ({@code -dev}) agent.
 * {@code server} is Consul's server mode ({@code -dev} is a server); {@code rejoin} is {@code -rejoin};
 * {@code pidFile} ({@code -pid-file}, {@code pid_file}) is null when none is asked for; {@code nodeMeta} is
 * {@code -node-meta} and {@code node_meta}, validated as Consul's; {@code ui} is {@code -ui}, {@code -ui-dir}
 * and {@code ui_config} (on by default only in {@code -dev}, as in Consul); {@code nodeId} is {@code -node-id}
 * ({@code node_id}), null for the random one kept in the data dir; {@code protocol} is {@code -protocol}, the
 * newest format version this agent writes (see {@link io.consulate.cluster.ProtocolGate}); {@code wan} is the WAN
 * pool a server joins ({@code -serf-wan-port}, {@code -retry-join-wan}); {@code httpsPort} is -1 when HTTPS is off,
 * {@code httpPort} -1 when plain HTTP is; {@code tls} is the HTTPS certificate and client verification.
 */
public record AgentConfig(
    String datacenter,
    String nodeName,
    Path dataDir,
    String bindAddr,
    String advertiseAddr,
    String clientAddr,
    int httpPort,
    int dnsPort,
    int serverPort,
    String domain,
    List<String> recursors,
    DnsSettings dns,
    List<ServiceDefinition> services,
    List<CheckSpec> checks,
    boolean enableScriptChecks,
    boolean enableLocalScriptChecks,
    String logLevel,
    boolean dev,
    boolean server,
    boolean rejoin,
    io.consulate.cluster.ClusterSettings cluster,
    Path pidFile,
    Map<String, String> nodeMeta,
    UiSettings ui,
    ShutdownSettings shutdown,
    LogSettings log,
    String nodeId,
    int protocol,
    io.consulate.cluster.WanSettings wan,
    int httpsPort,
    TlsSettings tls,
    AclSettings acl) {


  public AgentConfig {
    recursors = List.copyOf(recursors);
    services = List.copyOf(services);
    checks = List.copyOf(checks);
    nodeMeta = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(nodeMeta));
  }

  /**
   * Consul's {@code leave_on_terminate} and {@code skip_leave_on_interrupt}: whether SIGTERM and SIGINT leave the
   * cluster gracefully before exiting; null where the files and flags leave it to Consul's default, which depends
   * on the agent's role when the signal comes: a client leaves on both, a server on neither (nor does a lone agent,
   * which holds the state itself), whatever joins or rejoins made it so.
   */
  public record ShutdownSettings(Boolean leaveOnTerminate, Boolean skipLeaveOnInterrupt) {
    /** Whether {@code signal} ("TERM" or "INT") leaves first, for an agent that is a client or not now. */
    public boolean leavesOn(String signal, boolean client) {
      if (signal.equals("TERM")) return leaveOnTerminate != null ? leaveOnTerminate : client;
      return skipLeaveOnInterrupt != null ? !skipLeaveOnInterrupt : client;
    }
  }

  /**
   * Consul's {@code log_json}, {@code log_file}, {@code log_rotate_bytes} and {@code log_rotate_max_files}
   * ({@code file} null: the console only).
   */
  public record LogSettings(boolean json, String file, long rotateBytes, int rotateMaxFiles) {}

  /** Consul's {@code ui_config}: whether {@code /ui/} is served, and from which directory (null: the jar's). */
  public record UiSettings(boolean enabled, Path dir) {}

  /** Consul's {@code dns_config} block. TTLs are in seconds. */
  public record DnsSettings(long nodeTtl, Map<String, Long> serviceTtl, boolean onlyPassing, int udpAnswerLimit,
      boolean enableTruncate, long recursorTimeoutMillis, int aRecordLimit, boolean enableAdditionalNodeMetaTxt,
      long soaMinTtl) {
    public DnsSettings {
      serviceTtl = Map.copyOf(serviceTtl);
    }
  }
}
