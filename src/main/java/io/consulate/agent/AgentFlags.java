package io.consulate.agent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The agent's command-line flags, spelled as Consul's; a null field means "not given, keep the file value". */
public final class AgentFlags {
  @Option(names = "-dev", description = "In-memory agent bound to 127.0.0.1, for development.")
  boolean dev;

  @Option(names = "-node", paramLabel = "NAME", description = "Node name (default: the host name).")
  String node;

  @Option(names = "-datacenter", paramLabel = "DC", description = "Datacenter (default: dc1).")
  String datacenter;

  @Option(names = "-bind", paramLabel = "ADDR", description = "Address this node is reached at (default: 0.0.0.0).")
  String bind;

  @Option(names = "-advertise", paramLabel = "ADDR", description = "Address to advertise instead of the bind address.")
  String advertise;

  @Option(names = "-client", paramLabel = "ADDR", description = "Address the HTTP and DNS servers listen on (default: 127.0.0.1).")
  String client;

  @Option(names = "-data-dir", paramLabel = "DIR", description = "Where the agent keeps its state.")
  Path dataDir;

  @Option(names = "-config-file", paramLabel = "FILE", description = "A config file, .json or .hcl (repeatable).")
  List<Path> configFiles = new ArrayList<>();

  @Option(names = "-config-dir", paramLabel = "DIR",
      description = "A directory of .json and .hcl config files, read in lexical order, or one file (repeatable).")
  List<Path> configDirs = new ArrayList<>();

  @Option(names = "-config-format", paramLabel = "FORMAT",
      description = "Read every config file as 'json' or 'hcl', whatever its extension.")
  String configFormat;

  @Option(names = "-hcl", paramLabel = "HCL",
      description = "A config fragment in HCL, read after the files and flags (repeatable).")
  List<String> hcl = new ArrayList<>();

  @Option(names = "-http-port", paramLabel = "PORT", description = "HTTP API port (default: 8500; -1 turns plain HTTP off).")
  Integer httpPort;

  @Option(names = "-https-port", paramLabel = "PORT",
      description = "HTTPS API port (default: off); needs tls.defaults cert_file and key_file in a config file.")
  Integer httpsPort;

  @Option(names = "-dns-port", paramLabel = "PORT", description = "DNS port, UDP and TCP (default: 8600).")
  Integer dnsPort;

  @Option(names = "-domain", paramLabel = "DOMAIN", description = "DNS domain (default: consul.).")
  String domain;

  @Option(names = "-recursor", paramLabel = "ADDR", description = "Upstream DNS server for names outside the domain (repeatable).")
  List<String> recursors = new ArrayList<>();

  @Option(names = "-log-level", paramLabel = "LEVEL", description = "trace, debug, info, warn or err (default: info).")
  String logLevel;

  @Option(names = "-log-json", description = "Log one JSON object per line (Consul's @timestamp, @level, @module, @message).")
  boolean logJson;

  @Option(names = "-log-file", paramLabel = "PATH", description = "Also log to this file (a path ending in / is a directory).")
  String logFile;

  @Option(names = "-log-rotate-bytes", paramLabel = "N", description = "Rotate the log file when it reaches N bytes (0: never).")
  Long logRotateBytes;

  @Option(names = "-log-rotate-max-files", paramLabel = "N", description = "Older log files to keep (0: all, -1: none).")
  Integer logRotateMaxFiles;

  @Option(names = "-server", description = "Server mode: holds the datacenter's state in the Raft group. Without it the agent is a client of the servers it joins.")
  boolean server;

  @Option(names = "-rejoin", description = "Rejoin the servers remembered in the data dir, even after a graceful leave.")
  boolean rejoin;

  @Option(names = "-bootstrap", description = "Bootstrap mode: this server elects itself leader without waiting for others (one server per datacenter, once).")
  boolean bootstrap;

  @Option(names = "-node-meta", paramLabel = "KEY:VALUE", description = "Metadata of this node, as key:value (repeatable).")
  List<String> nodeMeta = new ArrayList<>();

  @Option(names = "-pid-file", paramLabel = "FILE", description = "Write the agent's PID to FILE (removed when it exits).")
  Path pidFile;

  @Option(names = "-bootstrap-expect", paramLabel = "N", description = "Servers to wait for before the first leader is elected (server mode only).")
  Integer bootstrapExpect;

  @Option(names = "-serf-lan-port", paramLabel = "PORT", description = "Cluster (JGroups TCP) port on the bind address (default: 8301); clients link to servers at this port + 2.")
  Integer serfLanPort;

  @Option(names = "-server-port", paramLabel = "PORT", description = "Server RPC (Raft) port on the bind address (default: 8300).")
  Integer serverPort;

  @Option(names = {"-retry-join", "-join"}, paramLabel = "ADDR", description = "A server to join, host or host:port (the serf LAN port; repeatable). Retried until it answers.")
  List<String> retryJoin = new ArrayList<>();

  @Option(names = "-encrypt", paramLabel = "KEY",
      description = "Key (base64, 16, 24 or 32 bytes: consulate keygen) every server and client must hold to join"
          + " and to read the cluster's traffic.")
  String encrypt;

  @Option(names = "-serf-wan-port", paramLabel = "PORT", description = "WAN pool (JGroups TCP) port on the bind address, servers only (default: 8302).")
  Integer serfWanPort;

  @Option(names = {"-retry-join-wan", "-join-wan"}, paramLabel = "ADDR", description = "A server of another datacenter to join over the WAN, host or host:port (the serf WAN port; repeatable). Retried until it answers.")
  List<String> retryJoinWan = new ArrayList<>();

  @Option(names = "-ui", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
      description = "Serve the web UI at /ui/ (on by default in -dev; -ui=false turns it off).")
  Boolean ui;

  @Option(names = "-ui-dir", paramLabel = "DIR", description = "Serve the web UI from DIR instead of the built-in one.")
  Path uiDir;

  @Option(names = "-node-id", paramLabel = "UUID", description = "This node's ID (default: random, kept in the data dir).")
  String nodeId;

  @Option(names = "-disable-host-node-id", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
      description = "Accepted: node IDs are always random, never derived from the host.")
  Boolean disableHostNodeId;

  @Option(names = "-protocol", paramLabel = "N", description = "The protocol version to speak (this build speaks 2 to 3).")
  Integer protocol;

  @Option(names = "-enable-script-checks", description = "Allow script checks registered over the HTTP API too.")
  boolean enableScriptChecks;

  @Option(names = "-enable-local-script-checks", description = "Allow script checks from config files.")
  boolean enableLocalScriptChecks;
}
