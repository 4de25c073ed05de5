package io.consulate.agent;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/**
 * Picks the address other nodes and DNS answers should use when the agent binds to all interfaces, and tells
 * whether an address is reachable from this host only.
 */
final class Addresses {
  private Addresses() {}

  /** Whether every address in {@code clientAddr} (space-separated IP literals) is a loopback one; a wildcard is not. */
  static boolean loopbackOnly(String clientAddr) {
    for (String a : clientAddr.trim().split("\\s+")) {
      String literal = a.startsWith("[") && a.endsWith("]") ? a.substring(1, a.length() - 1) : a;
      if (literal.equals("localhost")) continue;
      if (!literal.matches("[0-9a-fA-F.:]+")) return false; // a name: not known to be local without resolving it
      try {
        if (!InetAddress.getByName(literal).isLoopbackAddress()) return false;
      } catch (java.net.UnknownHostException e) {
        return false;
      }
    }
    return true;
  }

  /** The bind address itself, or for 0.0.0.0 the first private IPv4 address (Consul's rule), else loopback. */
  static String advertisable(String bindAddr) {
    if (!bindAddr.equals("0.0.0.0")) return bindAddr;
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp() || nic.isLoopback()) continue;
        for (InetAddress a : Collections.list(nic.getInetAddresses())) {
          if (a instanceof Inet4Address && a.isSiteLocalAddress()) return a.getHostAddress();
        }
      }
    } catch (SocketException e) {
      // fall through to loopback: an agent with no usable interface is still useful locally
    }
    return "127.0.0.1";
  }
}
