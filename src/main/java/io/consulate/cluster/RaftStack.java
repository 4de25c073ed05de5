package io.consulate.cluster;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Renders the Raft channel's configuration from {@code jgroups-raft.xml} for one server. A lone server runs
 * over JGroups' in-process loopback, so it binds no port and several run side by side in one JVM (tests).
 */
final class RaftStack {
  private RaftStack() {}

  static String render(RaftSettings s) {
    String template = JGroupsStack.template("jgroups-raft.xml");
    boolean persistent = s.logDir() != null;
    return template.replace("@TRANSPORT@", s.lone() ? loopback() : tcp(s))
        .replace("@FAILURE_DETECTION@", s.lone() ? "" : FAILURE_DETECTION.replace("@BIND_ADDR@", s.bindAddr()))
        .replace("@SECURITY@", s.lone() ? "" : JGroupsStack.security(s.encrypt()))
        .replace("@JOIN_TIMEOUT@", s.lone() ? "10" : "1000")
        .replace("@VOTE_TIMEOUT@", s.lone() ? "50" : "600")
        .replace("@RAFT_ID@", s.raftId())
        .replace("@MEMBERS@", String.join(",", s.members()))
        .replace("@LOG_CLASS@", persistent ? "org.jgroups.protocols.raft.FileBasedLog"
            : "org.jgroups.protocols.raft.InMemoryLog")
        .replace("@LOG_DIR@", persistent ? s.logDir().toAbsolutePath().toString() : System.getProperty("java.io.tmpdir"))
        // An in-memory log is kept in a JVM-wide table by name: a fresh name per start, so agents never share one.
        .replace("@LOG_PREFIX@", persistent ? "raft" : "consulate-" + UUID.randomUUID());
  }

  /** A kill -9 closes the peer's socket (FD_SOCK2 notices at once); a cut link stops heartbeats (FD_ALL3). */
  private static final String FAILURE_DETECTION = """
      <FD_SOCK2 bind_addr="@BIND_ADDR@" offset="100" port_range="5"/>
         <FD_ALL3 timeout="3000" interval="750"/>
         <VERIFY_SUSPECT2 timeout="500"/>""";

  private static String tcp(RaftSettings s) {
    Set<String> hosts = new LinkedHashSet<>();
    hosts.add(s.bindAddr() + "[" + s.port() + "]");
    for (String server : s.servers()) hosts.add(JGroupsStack.hostPort(server));
    return "<TCP bind_addr=\"" + s.bindAddr() + "\" bind_port=\"" + s.port() + "\" port_range=\"0\" client_bind_addr=\""
        + s.bindAddr() + "\" tcp_nodelay=\"true\" diag.enabled=\"false\" thread_naming_pattern=\"pl\""
        + " sock_conn_timeout=\"300\" bundler_type=\"transfer-queue\" thread_pool.min_threads=\"0\""
        + " thread_pool.max_threads=\"100\" thread_pool.keep_alive_time=\"60000\"/>\n"
        + "   <TCPPING initial_hosts=\"" + String.join(",", hosts) + "\" port_range=\"0\" send_cache_on_join=\"true\"/>";
  }

  private static String loopback() {
    return "<SHARED_LOOPBACK/>\n   <SHARED_LOOPBACK_PING/>";
  }
}
