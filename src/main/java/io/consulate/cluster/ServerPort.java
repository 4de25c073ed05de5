package io.consulate.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.logging.Logger;

/**
 * A server's own port (the RPC port, or the serf WAN port), held from the moment it is chosen until its channel
 * binds it. Consul's default (8300, 8302) is taken when free; when it is busy (several servers on one host, each
 * given only its own serf LAN port) a free port is used instead and advertised in the member record, which is how
 * the other servers find it. Holding the socket meanwhile keeps servers starting at the same moment from choosing
 * the same port. A port given explicitly is used as is.
 */
public final class ServerPort implements AutoCloseable {
  public static final int DEFAULT = 8300;
  private static final Logger LOG = Logger.getLogger(ServerPort.class.getName());

  private final int port;
  private final ServerSocket held;

  private ServerPort(int port, ServerSocket held) {
    this.port = port;
    this.held = held;
  }

  /** The server RPC port; blocks briefly (binds a socket): call it off the event loop. */
  public static ServerPort reserve(String bindAddr, int configured) {
    return reserve(bindAddr, configured, DEFAULT, "server RPC port", "-server-port");
  }

  /** {@code what} and {@code flag} name the port in the warning when {@code defaultPort} is busy. */
  public static ServerPort reserve(String bindAddr, int configured, int defaultPort, String what, String flag) {
    if (configured != defaultPort) return new ServerPort(configured, null);
    ServerSocket s = bind(bindAddr, defaultPort);
    if (s == null) {
      s = bind(bindAddr, 0);
      if (s == null) return new ServerPort(defaultPort, null); // binding the channel will report the real problem
      LOG.warning(what + " " + defaultPort + " on " + bindAddr + " is in use; using " + s.getLocalPort()
          + " (set " + flag + " to choose one)");
    }
    return new ServerPort(s.getLocalPort(), s);
  }

  private static ServerSocket bind(String bindAddr, int port) {
    try {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getByName(bindAddr), port));
      return s;
    } catch (IOException e) {
      return null;
    }
  }

  public int port() {
    return port;
  }

  /** Lets go of the port, right before its channel binds it. */
  @Override
  public void close() {
    try {
      if (held != null) held.close();
    } catch (IOException e) {
      // closing a listening socket that never accepted cannot fail in a way that matters here
    }
  }
}
