package io.consulate.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * An address given to join ({@code -join}, {@code -retry-join}, {@code consulate join}): {@code host} or
 * {@code host:port}, the port being the serf LAN port as in Consul (8301 when absent). Servers meet there; a
 * client opens its link to the server's link port, {@link #LINK_PORT_OFFSET} above it, so one address means the
 * same agent to both.
 */
public record JoinAddress(String host, int serfPort) {
  public static final int LINK_PORT_OFFSET = 2;

  /** Parses without resolving; {@link #matchesAny} resolves, so call that off the event loop. */
  public static JoinAddress parse(String address) {
    return parse(address, ClusterSettings.DEFAULT_SERF_LAN_PORT);
  }

  /** As {@link #parse(String)}, with the port an address without one means (the serf WAN port for a WAN join). */
  public static JoinAddress parse(String address, int defaultPort) {
    String a = address.trim();
    int colon = a.lastIndexOf(':');
    if (a.startsWith("[")) { // [ipv6]:port
      int end = a.indexOf(']');
      return new JoinAddress(a.substring(1, end), end + 1 < a.length() ? port(a, a.substring(end + 2)) : defaultPort);
    }
    if (colon < 0 || a.indexOf(':') != colon) return new JoinAddress(a, defaultPort);
    return new JoinAddress(a.substring(0, colon), port(a, a.substring(colon + 1)));
  }

  private static int port(String address, String port) {
    try {
      int p = Integer.parseInt(port);
      if (p > 0 && p < 65536) return p;
    } catch (NumberFormatException e) {
      // below
    }
    throw new IllegalArgumentException("invalid port in " + address);
  }

  /** The link port of the server reached here. */
  public int linkPort() {
    return serfPort + LINK_PORT_OFFSET;
  }

  /** Whether a live server among {@code members} is the agent at this address. */
  boolean matchesAny(List<Member> members) {
    String ip;
    try {
      ip = InetAddress.getByName(host).getHostAddress();
    } catch (UnknownHostException e) {
      return false;
    }
    for (Member m : members) {
      if (m.server() && m.status() == Member.ALIVE && m.port() == serfPort
          && (m.address().equals(ip) || m.address().equals(host))) {
        return true;
      }
    }
    return false;
  }
}
