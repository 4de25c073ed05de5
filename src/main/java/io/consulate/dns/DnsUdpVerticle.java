package io.consulate.dns;

import io.consulate.catalog.CatalogSnapshot;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import java.time.Clock;
import java.util.function.Supplier;

/** One UDP socket: each datagram is one question, each reply one datagram back to its sender. */
final class DnsUdpVerticle extends VerticleBase {
  private final Supplier<CatalogSnapshot> snapshots;
  private final Supplier<DnsConfig> configs;
  private final AnswerCache cache;
  private final String host;
  private final int port;
  private final boolean reusePort;
  private DatagramSocket socket;
  private Responder responder;

  DnsUdpVerticle(Supplier<CatalogSnapshot> snapshots, Supplier<DnsConfig> configs, AnswerCache cache, String host,
      int port, boolean reusePort) {
    this.snapshots = snapshots;
    this.cache = cache;
    this.configs = configs;
    this.host = host;
    this.port = port;
    this.reusePort = reusePort;
  }

  @Override
  public Future<?> start() {
    responder = new Responder(snapshots, configs, new Answerer(Clock.systemUTC()), context, cache);
    socket = vertx.createDatagramSocket(new DatagramSocketOptions().setReusePort(reusePort).setIpV6(host.contains(":")));
    socket.handler(this::handle);
    return socket.listen(port, host);
  }

  @Override
  public Future<?> stop() {
    return socket.close();
  }

  /** The bound port, once started. */
  int port() {
    return socket.localAddress().port();
  }

  private void handle(DatagramPacket packet) {
    responder.respond(packet.data().getBytes(), Transport.UDP).onSuccess(reply -> {
      if (reply != null) socket.send(Buffer.buffer(reply), packet.sender().port(), packet.sender().host());
    });
  }
}
