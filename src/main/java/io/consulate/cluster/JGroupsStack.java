package io.consulate.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Renders the agent's JGroups configuration from {@code jgroups-tcp.xml}: bind address and port, and the
 * TCPPING hosts to contact. Filled in per agent rather than through system properties, so several agents can
 * run in one JVM (tests).
 */
final class JGroupsStack {
  private JGroupsStack() {}

  static String render(ClusterSettings s) {
    return render(s.bindAddr(), s.serfLanPort(), s.join(), ClusterSettings.DEFAULT_SERF_LAN_PORT, 1000, true, s.encrypt());
  }

  /**
   * The stack for a group on {@code bindAddr:port} that first contacts {@code join} ({@code host[:port]}, the port
   * {@code defaultPort} when absent): the LAN's, or the WAN pool's. A member suspected of having died is checked
   * for {@code verifyMillis} before the group drops it. {@code logAcceptErrors}: whether a connection that closes
   * before saying who it is gets a warning (the WAN pool's own liveness probes do that). {@code key}: the
   * {@code encrypt} key, or {@link GossipKey#NONE}.
   */
  static String render(String bindAddr, int port, java.util.List<String> join, int defaultPort, int verifyMillis,
      boolean logAcceptErrors, GossipKey key) {
    String template = template("jgroups-tcp.xml");
    // Alone, nobody can answer the discovery: become coordinator quickly instead of waiting for a reply.
    String joinTimeout = join.isEmpty() ? "300" : "2000";
    return template.replace("@BIND_ADDR@", bindAddr).replace("@BIND_PORT@", Integer.toString(port))
        .replace("@INITIAL_HOSTS@", initialHosts(bindAddr, port, join, defaultPort)).replace("@JOIN_TIMEOUT@", joinTimeout)
        .replace("@VERIFY_TIMEOUT@", Integer.toString(verifyMillis))
        .replace("@LOG_ACCEPT_ERROR@", Boolean.toString(logAcceptErrors)).replace("@SECURITY@", security(key));
  }

  /**
   * With a key: {@link KeyedAuth} (a join needs the key's token), then {@link KeyedEncrypt} right below NAKACK2
   * (every message's payload encrypted). The stack names the key by id, never holds it. Without: nothing.
   */
  static String security(GossipKey key) {
    if (!key.enabled()) return "";
    String id = key.id();
    return "<io.consulate.cluster.KeyedAuth key_id=\"" + id + "\"/>\n"
        + "   <io.consulate.cluster.KeyedEncrypt key_id=\"" + id + "\" sym_algorithm=\"AES/CBC/PKCS5Padding\""
        + " sym_iv_length=\"16\"/>";
  }

  /** A stack template shipped in the jar. */
  static String template(String name) {
    try (InputStream in = JGroupsStack.class.getResourceAsStream("/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the built-in " + name, e);
    }
  }

  /** JGroups' {@code host[port]} list; this agent's own address is included, as TCPPING expects. */
  static String initialHosts(ClusterSettings s) {
    return initialHosts(s.bindAddr(), s.serfLanPort(), s.join(), ClusterSettings.DEFAULT_SERF_LAN_PORT);
  }

  private static String initialHosts(String bindAddr, int port, java.util.List<String> join, int defaultPort) {
    Set<String> hosts = new LinkedHashSet<>();
    if (port != 0) hosts.add(bindAddr + "[" + port + "]");
    for (String j : join) hosts.add(hostPort(j, defaultPort));
    return String.join(",", hosts);
  }

  /** {@code host} or {@code host:port} (IPv6 as {@code [addr]:port}) to JGroups' {@code host[port]}. */
  static String hostPort(String address) {
    return hostPort(address, ClusterSettings.DEFAULT_SERF_LAN_PORT);
  }

  static String hostPort(String address, int defaultPort) {
    String host = address;
    int port = defaultPort;
    int colon = address.lastIndexOf(':');
    boolean bracketed = address.startsWith("[");
    if (colon >= 0 && (bracketed ? address.indexOf(']') < colon : address.indexOf(':') == colon)) {
      host = address.substring(0, colon);
      try {
        port = Integer.parseInt(address.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("invalid join address \"" + address + "\": bad port");
      }
    }
    if (bracketed) host = host.substring(1, host.length() - 1);
    if (host.isBlank() || port < 1 || port > 65535) throw new IllegalArgumentException("invalid join address \"" + address + "\"");
    return host + "[" + port + "]";
  }

  /**
   * Adds {@code host[:port]} to the hosts the channel's TCPPING contacts, unless it is there already;
   * discovery and MERGE3 pick it up within seconds and merge the two groups.
   */
  static void addInitialHost(org.jgroups.JChannel channel, String address) {
    addInitialHost(channel, address, ClusterSettings.DEFAULT_SERF_LAN_PORT);
  }

  static void addInitialHost(org.jgroups.JChannel channel, String address, int defaultPort) {
    String hostPort = hostPort(address, defaultPort);
    String host = hostPort.substring(0, hostPort.indexOf('['));
    int port = Integer.parseInt(hostPort.substring(hostPort.indexOf('[') + 1, hostPort.length() - 1));
    java.net.InetSocketAddress wanted = new java.net.InetSocketAddress(host, port);
    org.jgroups.protocols.TCPPING ping = channel.getProtocolStack().findProtocol(org.jgroups.protocols.TCPPING.class);
    java.util.List<java.net.InetSocketAddress> hosts = new java.util.ArrayList<>();
    for (org.jgroups.PhysicalAddress a : ping.getInitialHosts()) {
      org.jgroups.stack.IpAddress ip = (org.jgroups.stack.IpAddress) a;
      java.net.InetSocketAddress known = new java.net.InetSocketAddress(ip.getIpAddress(), ip.getPort());
      if (known.equals(wanted)) return;
      hosts.add(known);
    }
    hosts.add(wanted);
    ping.setInitialHosts(hosts);
  }
}
