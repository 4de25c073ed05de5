package io.consulate.dns;

import io.consulate.catalog.CatalogSnapshot;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Deployable;
import io.consulate.cluster.Datacenters;
import io.consulate.query.QueryExecutor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The DNS listeners of one agent: {@code instances} UDP and TCP verticles on one port, sharing one
 * {@link AnswerCache}. UDP instances share the
 * port through SO_REUSEPORT, which needs the native transport (otherwise one UDP instance): the first binds, the
 * others join on the port it got. TCP servers are shared by Vert.x; for port 0 they listen on a negative port,
 * Vert.x's way to share one random port, unique per server so two servers never share by accident.
 *
 * <p>UDP sockets run on event loops of their own, one thread each, not on Vert.x's: the agent's other work on an
 * event loop (an anti-entropy pass compares every local service, a blocking query renders a whole reply) would
 * otherwise hold up every DNS answer queued behind it, which showed as millisecond stalls in the benchmark's p99.
 */
public final class DnsServer {
  private static final AtomicInteger RANDOM_PORT_SHARES = new AtomicInteger();
  /** Vert.x's own share of event-loop time for I/O against tasks. */
  private static final int IO_RATIO = 50;

  private final Vertx vertx;
  private final EventLoopGroup udpLoops;
  private final List<String> deployments = new ArrayList<>();
  private int udpPort;
  private int tcpPort;

  private DnsServer(Vertx vertx, int udpInstances) {
    this.vertx = vertx;
    this.udpLoops = ((VertxInternal) vertx).transport().eventLoopGroup(
        io.vertx.core.spi.transport.Transport.IO_EVENT_LOOP_GROUP, udpInstances,
        new DefaultThreadFactory("consulate-dns-udp", true), IO_RATIO);
  }

  public static Future<DnsServer> start(Vertx vertx, Supplier<CatalogSnapshot> snapshots, Supplier<DnsConfig> config,
      Datacenters datacenters, QueryExecutor queries, String host, int port, int instances, MeterRegistry registry) {
    DnsMetrics metrics = new DnsMetrics(registry);
    int count = Math.max(1, instances);
    boolean reusePort = vertx.isNativeTransportEnabled();
    int udpInstances = reusePort ? count : 1;
    DnsServer server = new DnsServer(vertx, udpInstances);
    AnswerCache cache = new AnswerCache();
    NetworkSources remote = new NetworkSources(new RemoteCatalogs(datacenters, System::currentTimeMillis), queries);
    DnsUdpVerticle udp = new DnsUdpVerticle(snapshots, config, cache, remote, metrics, host, port, reusePort,
        server.udpLoops.next());
    int tcpPort = port == 0 ? -RANDOM_PORT_SHARES.incrementAndGet() : port;
    List<DnsTcpVerticle> tcp = new CopyOnWriteArrayList<>();
    return server.deploy(() -> udp, 1)
        .compose(v -> server.deploy(() -> new DnsUdpVerticle(snapshots, config, cache, remote, metrics, host, udp.port(), reusePort,
            server.udpLoops.next()),
            udpInstances - 1))
        .compose(v -> server.deploy(() -> {
          DnsTcpVerticle verticle = new DnsTcpVerticle(snapshots, config, cache, remote, metrics, host, tcpPort);
          tcp.add(verticle);
          return verticle;
        }, count))
        .map(v -> {
          server.udpPort = udp.port();
          server.tcpPort = tcp.get(0).port();
          return server;
        })
        .recover(e -> server.close().transform(ignored -> Future.failedFuture(e)));
  }

  public int udpPort() {
    return udpPort;
  }

  public int tcpPort() {
    return tcpPort;
  }

  public Future<Void> close() {
    List<Future<Void>> undeployed = new ArrayList<>();
    for (String id : deployments) undeployed.add(vertx.undeploy(id));
    return Future.all(undeployed).eventually(() -> {
      Promise<Void> stopped = Promise.promise();
      udpLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).addListener(f -> stopped.complete());
      return stopped.future();
    }).mapEmpty();
  }

  private Future<Void> deploy(Supplier<? extends Deployable> verticles, int count) {
    if (count <= 0) return Future.succeededFuture();
    return vertx.deployVerticle(verticles, new DeploymentOptions().setInstances(count)).map(id -> {
      deployments.add(id);
      return null;
    });
  }
}
