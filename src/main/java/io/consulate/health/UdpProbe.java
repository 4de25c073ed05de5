package io.consulate.health;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;

/**
 * Consul's UDP check: send a datagram on a connected socket and wait up to the timeout. An answer or silence
 * is passing (UDP has no handshake); an error the kernel reports back (ICMP port unreachable) is critical.
 * Blocking socket calls, so it runs on a worker thread.
 */
final class UdpProbe implements Probe {
  private final Vertx vertx;
  private final String target;
  private final Duration timeout;

  UdpProbe(Vertx vertx, String target, Duration timeout) {
    this.vertx = vertx;
    this.target = target;
    this.timeout = timeout;
  }

  @Override
  public Future<CheckResult> run() {
    return vertx.executeBlocking(this::probe, false);
  }

  private CheckResult probe() {
    var addr = Probes.hostPort(target);
    try (DatagramChannel channel = DatagramChannel.open()) {
      channel.connect(new InetSocketAddress(addr.host(), addr.port()));
      channel.write(ByteBuffer.wrap(new byte[] {'C', 'o', 'n', 's', 'u', 'l'}));
      channel.socket().setSoTimeout((int) Math.max(1, timeout.toMillis()));
      try {
        channel.socket().receive(new java.net.DatagramPacket(new byte[512], 512));
        return CheckResult.passing("UDP message sent to " + target + ": answer received");
      } catch (SocketTimeoutException e) {
        return CheckResult.passing("UDP message sent to " + target + ": no error");
      }
    } catch (PortUnreachableException e) {
      return CheckResult.critical("UDP " + target + ": port unreachable");
    } catch (IOException | RuntimeException e) {
      return CheckResult.critical("UDP " + target + ": " + Probes.describe(e));
    }
  }
}
