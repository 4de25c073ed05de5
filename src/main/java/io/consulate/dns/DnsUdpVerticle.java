package io.consulate.dns;

import io.consulate.catalog.CatalogSnapshot;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.DatagramPacket;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.PromiseInternal;
import io.vertx.core.internal.VertxInternal;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Arrays;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One UDP socket on an event loop of the DNS server's own (see {@link DnsServer}), driven through Netty directly
 * rather than Vert.x's {@code DatagramSocket}, which costs a system call per datagram each way and a host-string
 * resolve per reply.
 * With the epoll transport, reads take up to {@link #BATCH} datagrams per {@code recvmmsg}, replies are flushed
 * every {@link #BATCH} and at the end of a read so Netty sends them with one {@code sendmmsg}, and each reply goes
 * to the sender address as it arrived. Cached answers are written straight into a pooled direct buffer.
 */
final class DnsUdpVerticle extends VerticleBase {
  /** Datagrams per read. */
  static final int BATCH = 16;
  /** The largest query kept whole: one {@code recvmmsg} slot. A longer datagram is cut there and gets FORMERR. */
  static final int MAX_QUERY = 2048;
  private static final Logger LOG = Logger.getLogger(DnsUdpVerticle.class.getName());

  private final Supplier<CatalogSnapshot> snapshots;
  private final Supplier<DnsConfig> configs;
  private final AnswerCache cache;
  private final String host;
  private final int port;
  private final boolean reusePort;
  private final EventLoop loop;
  private final DnsMetrics metrics;
  private final NetworkSources remote;
  private Channel channel;

  DnsUdpVerticle(Supplier<CatalogSnapshot> snapshots, Supplier<DnsConfig> configs, AnswerCache cache,
      NetworkSources remote, DnsMetrics metrics, String host, int port, boolean reusePort, EventLoop loop) {
    this.snapshots = snapshots;
    this.remote = remote;
    this.metrics = metrics;
    this.cache = cache;
    this.configs = configs;
    this.host = host;
    this.port = port;
    this.reusePort = reusePort;
    this.loop = loop;
  }

  @Override
  public Future<?> start() {
    VertxInternal vertx = (VertxInternal) this.vertx;
    // Forwarded questions complete on this context, so the responder is only ever used from the socket's loop.
    ContextInternal context = vertx.contextBuilder().withEventLoop(loop).build();
    Responder responder = new Responder(snapshots, configs, new Answerer(Clock.systemUTC()), context, cache, remote);
    Bootstrap bootstrap = new Bootstrap()
        .group(loop)
        .channelFactory(vertx.transport().datagramChannelFactory())
        .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
        .handler(new Queries(responder, metrics));
    if (vertx.isNativeTransportEnabled()) {
      bootstrap.option(EpollChannelOption.SO_REUSEPORT, reusePort)
          .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_QUERY)
          .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(BATCH * MAX_QUERY));
    } else {
      bootstrap.option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_QUERY));
    }
    PromiseInternal<Void> bound = ((ContextInternal) this.context).promise();
    ChannelFuture binding = bootstrap.bind(host, port);
    binding.addListener(f -> {
      if (!f.isSuccess()) {
        bound.fail(f.cause());
        return;
      }
      channel = binding.channel();
      bound.complete();
    });
    return bound.future();
  }

  @Override
  public Future<?> stop() {
    if (channel == null) return Future.succeededFuture();
    PromiseInternal<Void> closed = ((ContextInternal) context).promise();
    channel.close().addListener(f -> closed.complete());
    return closed.future();
  }

  /** The bound port, once started. */
  int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /**
   * Answers each datagram. Replies are flushed in groups of {@link #BATCH}, not only when the read ends: Netty
   * keeps reading while datagrams wait (up to 16 {@code recvmmsg} calls), and after a stall the first replies of
   * such a backlog would otherwise wait for the last query of it.
   */
  private static final class Queries extends SimpleChannelInboundHandler<DatagramPacket> {
    private final Responder responder;
    private final DnsMetrics metrics;
    /** The query being answered, copied out of the read buffer (the cache key is read from it). */
    private final byte[] query = new byte[MAX_QUERY];
    private IntFunction<ByteBuf> buffers;
    private int unflushed;

    Queries(Responder responder, DnsMetrics metrics) {
      this.responder = responder;
      this.metrics = metrics;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      buffers = ctx.alloc()::directBuffer;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
      long start = System.nanoTime();
      ByteBuf content = packet.content();
      int length = Math.min(content.readableBytes(), query.length);
      content.getBytes(content.readerIndex(), query, 0, length);
      InetSocketAddress sender = packet.sender();
      ByteBuf reply = responder.cached(query, length, Transport.UDP, buffers);
      if (reply != null) {
        metrics.answered(query, length, reply.getByte(reply.readerIndex() + 3) & 0x0F, start);
        send(ctx, reply, sender);
        return;
      }
      byte[] asked = Arrays.copyOf(query, length);
      Future<byte[]> answered = responder.uncached(asked, Transport.UDP);
      // Answered now, the reply goes with the batch's flush; a forwarded question completes later, on its own.
      boolean later = !answered.isComplete();
      answered.onSuccess(bytes -> {
        if (bytes != null) {
          metrics.answered(asked, length, bytes[3] & 0x0F, start);
          send(ctx, Unpooled.wrappedBuffer(bytes), sender);
        } else {
          metrics.dropped();
        }
        if (later) flush(ctx);
      });
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      flush(ctx);
    }

    /** Queues a reply; while the socket cannot take more (a flood), replies are dropped as UDP allows. */
    private void send(ChannelHandlerContext ctx, ByteBuf reply, InetSocketAddress sender) {
      if (!ctx.channel().isWritable()) {
        reply.release();
        return;
      }
      ctx.write(new DatagramPacket(reply, sender), ctx.voidPromise());
      if (++unflushed == BATCH) flush(ctx);
    }

    private void flush(ChannelHandlerContext ctx) {
      unflushed = 0;
      ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      // A failed send (say, ICMP port unreachable from a client that left) concerns one datagram only.
      LOG.log(Level.FINE, "DNS UDP: " + cause);
    }
  }
}
