package io.consulate.agent;

import io.consulate.cluster.ProtocolGate;
import io.consulate.local.InvalidDefinitionException;
import io.consulate.local.DefinitionDecoder;
import io.consulate.local.ServiceDefinition;
import io.consulate.local.CheckSpec;
import io.consulate.json.Fields;
import io.consulate.json.JsonFieldException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Builds the effective {@link AgentConfig}: Consul's defaults, then each config file, JSON or HCL, in
 * {@link ConfigFiles}' order, then flags, then each {@code -hcl} fragment (last, as in Consul). Every source is read
 * into one JsonObject model and mapped here, whatever its format. Scalars from later sources win; lists
 * ({@code services}, {@code checks}, {@code recursors}) accumulate, as in Consul.
 */
public final class ConfigLoader {
  private static final Logger LOG = Logger.getLogger(ConfigLoader.class.getName());
  private static final List<String> KNOWN_KEYS = List.of("datacenter", "node_name", "data_dir", "bind_addr",
      "advertise_addr", "client_addr", "ports", "domain", "recursors", "dns_config", "service", "services", "check",
      "checks", "enable_script_checks", "enable_local_script_checks", "log_level", "server", "bootstrap_expect",
      "retry_join", "ui", "ui_config", "start_join", "reconnect_timeout", "rejoin_after_leave", "bootstrap", "pid_file", "node_meta",
      "ui_dir", "leave_on_terminate", "skip_leave_on_interrupt", "log_json", "log_file", "log_rotate_bytes",
      "log_rotate_max_files", "node_id", "disable_host_node_id", "protocol", "retry_join_wan", "start_join_wan", "tls", "ca_file", "cert_file", "key_file", "verify_incoming",
      "verify_incoming_https", "tls_min_version", "encrypt", "encrypt_verify_incoming", "encrypt_verify_outgoing", "acl",
      "primary_datacenter", "acl_datacenter", "acl_default_policy", "acl_down_policy", "acl_master_token", "acl_agent_token",
      "acl_token");

  private ConfigLoader() {}

  public static AgentConfig load(AgentFlags flags) {
    Settings s = new Settings();
    if (flags.dev) {
      s.bindAddr = "127.0.0.1";
      s.clientAddr = "127.0.0.1";
    }
    List<ConfigFiles.ConfigFile> files = ConfigFiles.list(flags.configFiles, flags.configDirs,
        ConfigFormat.ofFlag(flags.configFormat));
    for (ConfigFiles.ConfigFile file : files) s.apply(file.path().toString(), file.format(), file.text());
    s.applyFlags(flags);
    for (int i = 0; i < flags.hcl.size(); i++) s.apply("-hcl #" + (i + 1), ConfigFormat.HCL, flags.hcl.get(i));
    return s.build(flags.dev);
  }

  /** Mutable accumulator of the merge; only {@link #build} produces the immutable result. */
  private static final class Settings {
    String datacenter = "dc1";
    String nodeName;
    Path dataDir;
    String bindAddr = "0.0.0.0";
    String advertiseAddr;
    String clientAddr = "127.0.0.1";
    int httpPort = 8500;
    int httpsPort = -1;
    String caFile;
    String certFile;
    String keyFile;
    boolean verifyIncoming;
    String tlsMinVersion = "TLSv1_2";
    int dnsPort = 8600;
    int serverPort = 8300;
    String domain = "consul.";
    final List<String> recursors = new ArrayList<>();
    long nodeTtl;
    final Map<String, Long> serviceTtl = new LinkedHashMap<>();
    boolean onlyPassing;
    int udpAnswerLimit = 3;
    boolean enableTruncate;
    long recursorTimeoutMillis = 2000;
    int aRecordLimit;
    boolean enableAdditionalNodeMetaTxt = true;
    long soaMinTtl;
    final List<ServiceDefinition> services = new ArrayList<>();
    final List<CheckSpec> checks = new ArrayList<>();
    boolean enableScriptChecks;
    boolean enableLocalScriptChecks;
    String logLevel = "info";
    int serfLanPort = io.consulate.cluster.ClusterSettings.DEFAULT_SERF_LAN_PORT;
    Integer bootstrapExpect;
    boolean bootstrap;
    Path pidFile;
    final Map<String, String> nodeMeta = new LinkedHashMap<>();
    boolean server;
    boolean rejoin;
    boolean serfLanPortGiven;
    final List<String> retryJoin = new ArrayList<>();
    final List<String> retryJoinWan = new ArrayList<>();
    int serfWanPort = io.consulate.cluster.WanSettings.DEFAULT_SERF_WAN_PORT;
    String reconnectTimeout = "72h";
    Boolean uiEnabled;
    Path uiDir;
    Boolean leaveOnTerminate;
    Boolean skipLeaveOnInterrupt;
    String nodeId;
    int protocol = ProtocolGate.MAX;
    boolean logJson;
    String logFile;
    long logRotateBytes;
    int logRotateMaxFiles;
    final AclSettings.Builder acl = new AclSettings.Builder();
    /** Consul's {@code encrypt}; the key is checked when the config is built, and never printed. */
    String encrypt;

    /** One source, a file or a fragment; an error names it ({@code source}) and the key. */
    void apply(String source, ConfigFormat format, String text) {
      try {
        Fields f = Fields.of(format.parse(text, source));
        for (String key : f.unknown(KNOWN_KEYS)) {
          LOG.warning(source + ": ignoring unsupported config key \"" + key + "\"");
        }
        applyJson(f);
      } catch (JsonFieldException | InvalidDefinitionException | IllegalArgumentException e) {
        throw new ConfigException(source + ": " + e.getMessage());
      }
    }

    private void applyJson(Fields f) {
      datacenter = f.string(datacenter, "datacenter");
      nodeName = f.string(nodeName, "node_name");
      String dir = f.string(null, "data_dir");
      if (dir != null) dataDir = Path.of(dir);
      bindAddr = f.string(bindAddr, "bind_addr");
      advertiseAddr = f.string(advertiseAddr, "advertise_addr");
      clientAddr = f.string(clientAddr, "client_addr");
      Fields ports = f.object("ports");
      if (ports != null) {
        httpPort = ports.integer(httpPort, "http");
        httpsPort = ports.integer(httpsPort, "https");
        dnsPort = ports.integer(dnsPort, "dns");
        serverPort = ports.integer(serverPort, "server");
        serfLanPortGiven |= ports.json().containsKey("serf_lan");
        serfLanPort = ports.integer(serfLanPort, "serf_lan");
        serfWanPort = ports.integer(serfWanPort, "serf_wan");
      }
      retryJoin.addAll(f.strings("retry_join"));
      retryJoin.addAll(f.strings("start_join"));
      retryJoinWan.addAll(f.strings("retry_join_wan"));
      tls(f);
      acl.apply(f);
      encrypt = f.string(encrypt, "encrypt");
      for (String key : List.of("encrypt_verify_incoming", "encrypt_verify_outgoing")) {
        // Consul's switches for turning encryption on in a running cluster; here every member needs the key.
        if (!f.bool(true, key)) throw new JsonFieldException(key + " = false is not supported by Consulate: every"
            + " member of an encrypted cluster must hold the key");
      }
      retryJoinWan.addAll(f.strings("start_join_wan"));
      if (f.json().containsKey("bootstrap_expect")) bootstrapExpect = f.integer(0, "bootstrap_expect");
      bootstrap = f.bool(bootstrap, "bootstrap");
      nodeMeta.putAll(f.stringMap("node_meta"));
      String pid = f.string(null, "pid_file");
      if (pid != null) pidFile = Path.of(pid);
      server = f.bool(server, "server");
      rejoin = f.bool(rejoin, "rejoin_after_leave");
      reconnectTimeout = f.duration(reconnectTimeout, "reconnect_timeout");
      domain = f.string(domain, "domain");
      recursors.addAll(f.strings("recursors"));
      Fields dns = f.object("dns_config");
      if (dns != null) applyDns(dns);
      for (Fields svc : f.objects("service")) services.add(DefinitionDecoder.service(svc));
      for (Fields svc : f.objects("services")) services.add(DefinitionDecoder.service(svc));
      for (Fields c : f.objects("check")) checks.add(DefinitionDecoder.check(c));
      for (Fields c : f.objects("checks")) checks.add(DefinitionDecoder.check(c));
      enableScriptChecks = f.bool(enableScriptChecks, "enable_script_checks");
      enableLocalScriptChecks = f.bool(enableLocalScriptChecks, "enable_local_script_checks");
      logLevel = f.string(logLevel, "log_level");
      nodeId = f.string(nodeId, "node_id");
      f.bool(true, "disable_host_node_id"); // read for its type: node IDs are never derived from the host
      protocol = f.integer(protocol, "protocol");
      logJson = f.bool(logJson, "log_json");
      logFile = f.string(logFile, "log_file");
      logRotateBytes = f.integer((int) logRotateBytes, "log_rotate_bytes");
      logRotateMaxFiles = f.integer(logRotateMaxFiles, "log_rotate_max_files");
      if (f.json().containsKey("leave_on_terminate")) leaveOnTerminate = f.bool(false, "leave_on_terminate");
      if (f.json().containsKey("skip_leave_on_interrupt")) skipLeaveOnInterrupt = f.bool(false, "skip_leave_on_interrupt");
      // "ui" and "ui_dir" are the keys Consul had before ui_config, still accepted.
      if (f.json().containsKey("ui")) uiEnabled = f.bool(false, "ui");
      String legacyDir = f.string(null, "ui_dir");
      if (legacyDir != null) uiDir = Path.of(legacyDir);
      Fields ui = f.object("ui_config");
      if (ui != null) {
        if (ui.json().containsKey("enabled")) uiEnabled = ui.bool(false, "enabled");
        String configured = ui.string(null, "dir");
        if (configured != null) uiDir = Path.of(configured);
      }
    }

    private void applyDns(Fields dns) {
      nodeTtl = seconds(dns.duration(nodeTtl + "s", "node_ttl"));
      Fields ttl = dns.object("service_ttl");
      if (ttl != null) {
        for (String name : ttl.json().fieldNames()) serviceTtl.put(name, seconds(ttl.duration("0s", name)));
      }
      onlyPassing = dns.bool(onlyPassing, "only_passing");
      udpAnswerLimit = dns.integer(udpAnswerLimit, "udp_answer_limit");
      if (udpAnswerLimit < 0) throw new JsonFieldException("dns_config.udp_answer_limit: must be 0 or more");
      enableTruncate = dns.bool(enableTruncate, "enable_truncate");
      recursorTimeoutMillis = io.consulate.catalog.GoDuration.parse(
          dns.duration(recursorTimeoutMillis + "ms", "recursor_timeout")).toMillis();
      aRecordLimit = dns.integer(aRecordLimit, "a_record_limit");
      enableAdditionalNodeMetaTxt = dns.bool(enableAdditionalNodeMetaTxt, "enable_additional_node_meta_txt");
      Fields soa = dns.object("soa");
      if (soa != null) soaMinTtl = soa.integer((int) soaMinTtl, "min_ttl");
      // Read for their types only: every answer already comes from this agent's memory (Consul's allow_stale with no
      // max_stale bound), and another datacenter's names are kept current by a parked query rather than cached for
      // cache_max_age (README, "Several datacenters").
      dns.bool(true, "allow_stale");
      dns.duration("87600h", "max_stale");
      dns.bool(false, "use_cache");
      dns.duration("0s", "cache_max_age");
    }

    private static long seconds(String goDuration) {
      return io.consulate.catalog.GoDuration.parse(goDuration).toSeconds();
    }

    void applyFlags(AgentFlags f) {
      if (f.node != null) nodeName = f.node;
      if (f.datacenter != null) datacenter = f.datacenter;
      if (f.bind != null) bindAddr = f.bind;
      if (f.advertise != null) advertiseAddr = f.advertise;
      if (f.client != null) clientAddr = f.client;
      if (f.dataDir != null) dataDir = f.dataDir;
      if (f.httpPort != null) httpPort = f.httpPort;
      if (f.httpsPort != null) httpsPort = f.httpsPort;
      if (f.dnsPort != null) dnsPort = f.dnsPort;
      if (f.domain != null) domain = f.domain;
      recursors.addAll(f.recursors);
      if (f.logLevel != null) logLevel = f.logLevel;
      logJson |= f.logJson;
      if (f.nodeId != null) nodeId = f.nodeId;
      if (f.protocol != null) protocol = f.protocol;
      enableScriptChecks |= f.enableScriptChecks;
      enableLocalScriptChecks |= f.enableLocalScriptChecks;
      if (f.logFile != null) logFile = f.logFile;
      if (f.logRotateBytes != null) logRotateBytes = f.logRotateBytes;
      if (f.logRotateMaxFiles != null) logRotateMaxFiles = f.logRotateMaxFiles;
      if (f.serfLanPort != null) serfLanPort = f.serfLanPort;
      if (f.serverPort != null) serverPort = f.serverPort;
      serfLanPortGiven |= f.serfLanPort != null;
      if (f.bootstrapExpect != null) bootstrapExpect = f.bootstrapExpect;
      bootstrap |= f.bootstrap;
      if (f.pidFile != null) pidFile = f.pidFile;
      for (String pair : f.nodeMeta) {
        int colon = pair.indexOf(':');
        if (colon < 0) throw new ConfigException("Missing \":\" in \"" + pair + "\" (-node-meta takes key:value)");
        nodeMeta.put(pair.substring(0, colon), pair.substring(colon + 1));
      }
      server |= f.server;
      rejoin |= f.rejoin;
      retryJoin.addAll(f.retryJoin);
      retryJoinWan.addAll(f.retryJoinWan);
      if (f.serfWanPort != null) serfWanPort = f.serfWanPort;
      if (f.encrypt != null) encrypt = f.encrypt;
      if (f.ui != null) uiEnabled = f.ui;
      if (f.uiDir != null) uiDir = f.uiDir;
    }

    /**
     * A server ({@code -server}) is clustered: the LAN view and the Raft group. A client is not (it links to a
     * server), nor is a {@code -dev} agent. {@code bootstrap} is a group of one to start from: bootstrap_expect 1.
     * The checks and their messages are Consul's, in its order ({@code -dev} counts as a server).
     */
    private io.consulate.cluster.ClusterSettings cluster(boolean dev, String bind) {
      boolean serverMode = server || dev;
      int expect = bootstrapExpect == null ? 0 : bootstrapExpect;
      if (bootstrap && !serverMode) throw new ConfigException("'bootstrap = true' requires 'server = true'");
      if (expect < 0) {
        throw new ConfigException("bootstrap_expect cannot be " + expect + ". Must be greater than or equal to zero");
      }
      if (expect > 0 && !serverMode) throw new ConfigException("'bootstrap_expect > 0' requires 'server = true'");
      if (expect > 0 && dev) throw new ConfigException("'bootstrap_expect > 0' not allowed in dev mode");
      if (expect > 0 && bootstrap) {
        throw new ConfigException("'bootstrap_expect > 0' and 'bootstrap = true' are mutually exclusive");
      }
      // JGroups' static discovery needs a known port: 0 is refused.
      if (serfLanPort < 1 || serfLanPort > 65535) throw new ConfigException("invalid serf_lan port " + serfLanPort + ": must be 1-65535");
      return new io.consulate.cluster.ClusterSettings(!dev && server, bind, serfLanPort, retryJoin,
          bootstrap ? 1 : expect, io.consulate.catalog.GoDuration.parse(reconnectTimeout), gossipKey());
    }

    /** Consul's check and message: an empty {@code encrypt} is none; a bad one stops the agent. */
    private io.consulate.cluster.GossipKey gossipKey() {
      if (encrypt == null || encrypt.isEmpty()) return io.consulate.cluster.GossipKey.NONE;
      try {
        return io.consulate.cluster.GossipKey.parse(encrypt);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(e.getMessage());
      }
    }

    AgentConfig build(boolean dev) {
      if (dev) dataDir = null;
      else if (dataDir == null) {
        throw new ConfigException("data_dir cannot be empty: give -data-dir DIR (or -dev for an in-memory agent)");
      }
      if (nodeName == null || nodeName.isBlank()) nodeName = hostName();
      String dom = domain.toLowerCase(java.util.Locale.ROOT);
      if (!dom.endsWith(".")) dom = dom + ".";
      for (int port : new int[] {httpPort, dnsPort}) {
        if (port < -1 || port > 65535) throw new ConfigException("invalid port " + port + ": must be 0-65535");
      }
      if (dnsPort < 0) throw new ConfigException("invalid port " + dnsPort + ": must be 0-65535");
      try {
        io.consulate.catalog.NodeMetadata.validate(nodeMeta);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("node_meta invalid: " + e.getMessage());
      }
      String advertise = advertiseAddr != null ? advertiseAddr : Addresses.advertisable(bindAddr);
      var settings = new AgentConfig.DnsSettings(nodeTtl, serviceTtl, onlyPassing, udpAnswerLimit, enableTruncate,
          recursorTimeoutMillis, aRecordLimit, enableAdditionalNodeMetaTxt, soaMinTtl);
      return new AgentConfig(datacenter.toLowerCase(java.util.Locale.ROOT), nodeName, dataDir, bindAddr, advertise,
          clientAddr, httpPort, dnsPort, serverPort, dom, recursors, settings, services, checks, enableScriptChecks,
          enableLocalScriptChecks, logLevel, dev, server || dev, rejoin, cluster(dev, "0.0.0.0".equals(bindAddr) ? advertise : bindAddr),
          pidFile, nodeMeta, ui(dev), new AgentConfig.ShutdownSettings(leaveOnTerminate, skipLeaveOnInterrupt), log(),
          nodeId(), protocol(), wan(), httpsPort, tlsSettings(), acl.build(datacenter.toLowerCase(java.util.Locale.ROOT)));
    }

    /**
     * TLS for the HTTPS API: {@code tls.defaults}, overridden by {@code tls.https}, or the top-level keys of older
     * Consul configs. An HTTPS port without a certificate is refused, as Consul refuses it.
     */
    private void tls(Fields f) {
      caFile = f.string(caFile, "ca_file");
      certFile = f.string(certFile, "cert_file");
      keyFile = f.string(keyFile, "key_file");
      verifyIncoming = f.bool(verifyIncoming, "verify_incoming");
      verifyIncoming = f.bool(verifyIncoming, "verify_incoming_https");
      tlsMinVersion = f.string(tlsMinVersion, "tls_min_version");
      Fields tls = f.object("tls");
      if (tls == null) return;
      for (String section : new String[] {"defaults", "https"}) {
        Fields t = tls.object(section);
        if (t == null) continue;
        caFile = t.string(caFile, "ca_file");
        certFile = t.string(certFile, "cert_file");
        keyFile = t.string(keyFile, "key_file");
        verifyIncoming = t.bool(verifyIncoming, "verify_incoming");
        tlsMinVersion = t.string(tlsMinVersion, "tls_min_version");
      }
    }

    private TlsSettings tlsSettings() {
      if (!tlsMinVersion.equals("TLSv1_2") && !tlsMinVersion.equals("TLSv1_3")) {
        throw new ConfigException("tls_min_version: \"" + tlsMinVersion + "\" is not supported: use TLSv1_2 or TLSv1_3");
      }
      if (httpsPort > 65535) throw new ConfigException("invalid port " + httpsPort + ": must be 0-65535");
      if (httpsPort >= 0 && (certFile == null || keyFile == null)) {
        throw new ConfigException("ports.https is set but no TLS certificate is configured: set tls.defaults cert_file and key_file");
      }
      if (verifyIncoming && caFile == null) {
        throw new ConfigException("verify_incoming is set but no ca_file is configured to verify client certificates with");
      }
      for (String file : new String[] {caFile, certFile, keyFile}) {
        if (file != null && !java.nio.file.Files.isReadable(Path.of(file))) {
          throw new ConfigException("TLS file " + file + " cannot be read");
        }
      }
      return new TlsSettings(caFile == null ? null : Path.of(caFile), certFile == null ? null : Path.of(certFile),
          keyFile == null ? null : Path.of(keyFile), verifyIncoming, tlsMinVersion);
    }

    /** The WAN pool's port and whom to join there; only servers take part (a client's WAN requests go to them). */
    private io.consulate.cluster.WanSettings wan() {
      if (serfWanPort > 65535) throw new ConfigException("invalid serf_wan port " + serfWanPort + ": must be 1-65535, or -1 for no WAN");
      if (!retryJoinWan.isEmpty() && !server) {
        LOG.warning("retry_join_wan is for servers only; this client agent reaches other datacenters through its servers");
      }
      return new io.consulate.cluster.WanSettings(serfWanPort, retryJoinWan, gossipKey());
    }

    /** {@code -protocol} must be one this build speaks (Consul's check and words). */
    private int protocol() {
      if (protocol < ProtocolGate.MIN || protocol > ProtocolGate.MAX) {
        throw new ConfigException(String.format("Protocol version '%d' too %s. Must be in range: [%d, %d]", protocol,
            protocol < ProtocolGate.MIN ? "low" : "high", ProtocolGate.MIN, ProtocolGate.MAX));
      }
      return protocol;
    }

    /** A given node ID must be a UUID (Consul's check and words). */
    private String nodeId() {
      if (nodeId == null || nodeId.isEmpty()) return null;
      try {
        java.util.UUID.fromString(nodeId);
        if (nodeId.length() != 36) throw new IllegalArgumentException();
      } catch (IllegalArgumentException e) {
        throw new ConfigException("node_id invalid: \"" + nodeId + "\" is not a UUID");
      }
      return nodeId.toLowerCase(java.util.Locale.ROOT);
    }

    private AgentConfig.LogSettings log() {
      if (logRotateBytes < 0) throw new ConfigException("log_rotate_bytes cannot be negative: " + logRotateBytes);
      return new AgentConfig.LogSettings(logJson, logFile == null || logFile.isEmpty() ? null : logFile, logRotateBytes,
          logRotateMaxFiles);
    }

    /** Consul serves the UI in -dev or when asked to; a UI directory that is not one is a config error. */
    private AgentConfig.UiSettings ui(boolean dev) {
      if (uiDir != null && !Files.isDirectory(uiDir)) {
        throw new ConfigException("ui_config.dir " + uiDir + ": not a directory");
      }
      boolean enabled = uiEnabled != null ? uiEnabled : dev || uiDir != null;
      return new AgentConfig.UiSettings(enabled, uiDir);
    }

    private static String hostName() {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        return "localhost";
      }
    }
  }
}
