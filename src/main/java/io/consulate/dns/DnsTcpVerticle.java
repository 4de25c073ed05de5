package io.consulate.dns;

import io.consulate.catalog.CatalogSnapshot;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * DNS over TCP (RFC 7766): messages framed by a two-byte length, several per connection, replies written as
 * they complete. A frame too short to be a DNS message closes the connection; so does 10 s of silence.
 */
final class DnsTcpVerticle extends VerticleBase {
  static final int IDLE_TIMEOUT_SECONDS = 10;

  private final Supplier<CatalogSnapshot> snapshots;
  private final Supplier<DnsConfig> configs;
  private final AnswerCache cache;
  private final String host;
  private final int port;
  private final DnsMetrics metrics;
  private final NetworkSources remote;
  private NetServer server;
  private Responder responder;

  DnsTcpVerticle(Supplier<CatalogSnapshot> snapshots, Supplier<DnsConfig> configs, AnswerCache cache,
      NetworkSources remote, DnsMetrics metrics, String host, int port) {
    this.snapshots = snapshots;
    this.remote = remote;
    this.metrics = metrics;
    this.cache = cache;
    this.configs = configs;
    this.host = host;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    responder = new Responder(snapshots, configs, new Answerer(Clock.systemUTC()), context, cache, remote);
    server = vertx.createNetServer(new NetServerOptions()
        .setIdleTimeout(IDLE_TIMEOUT_SECONDS).setIdleTimeoutUnit(TimeUnit.SECONDS));
    server.connectHandler(this::serve);
    return server.listen(port, host);
  }

  @Override
  public Future<?> stop() {
    return server.close();
  }

  /** The bound port, once started. */
  int port() {
    return server.actualPort();
  }

  private void serve(NetSocket socket) {
    RecordParser frames = RecordParser.newFixed(2);
    frames.handler(new FrameHandler(socket, frames)::handle);
    socket.handler(frames);
  }

  /** Alternates between reading a length prefix and reading that many bytes of message. */
  private final class FrameHandler {
    private final NetSocket socket;
    private final RecordParser frames;
    private boolean awaitingLength = true;

    FrameHandler(NetSocket socket, RecordParser frames) {
      this.socket = socket;
      this.frames = frames;
    }

    void handle(Buffer frame) {
      if (awaitingLength) {
        int length = frame.getUnsignedShort(0);
        if (length < Responder.HEADER_LENGTH) {
          socket.close();
          return;
        }
        awaitingLength = false;
        frames.fixedSizeMode(length);
        return;
      }
      awaitingLength = true;
      frames.fixedSizeMode(2);
      long start = System.nanoTime();
      byte[] query = frame.getBytes();
      responder.respond(query, Transport.TCP).onSuccess(reply -> {
        if (reply == null) {
          metrics.dropped();
          socket.close();
          return;
        }
        metrics.answered(query, query.length, reply[3] & 0x0F, start);
        socket.write(Buffer.buffer(reply.length + 2).appendUnsignedShort(reply.length).appendBytes(reply));
      });
    }
  }
}
