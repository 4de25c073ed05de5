package io.consulate.agent;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/** Picks the address other nodes and DNS answers should use when the agent binds to all interfaces. */
final class Addresses {
  private Addresses() {}

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
