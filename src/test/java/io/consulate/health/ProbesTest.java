package io.consulate.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.catalog.CheckDefinition;
import io.consulate.catalog.HealthStatus;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.NetServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every probe kind against a real backend on an ephemeral loopback port. */
class ProbesTest {
  private static Vertx vertx;
  private static Probes probes;
  private static int httpPort;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    probes = new Probes(vertx);
    HttpServer server = vertx.createHttpServer().requestHandler(req -> {
      switch (req.path()) {
        case "/ok": req.response().end("all good"); break;
        case "/busy": req.response().setStatusCode(429).end("slow down"); break;
        default: req.response().setStatusCode(500).end("broken"); break;
      }
    });
    httpPort = await(server.listen(0, "127.0.0.1")).actualPort();
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static CheckResult run(CheckDefinition def) throws Exception {
    return await(probes.forDefinition(def).run());
  }

  /** A definition with one target field set by kind, as DefinitionDecoder builds it. */
  private static CheckDefinition def(String kind, String target, String timeout) {
    return new CheckDefinition(kind.equals("http") ? target : "", "", Map.of(), "", false,
        kind.equals("tcp") ? target : "", kind.equals("udp") ? target : "", kind.equals("grpc") ? target : "", false,
        kind.equals("script") ? List.of("sh", "-c", target) : List.of(), "", "", "", "1s", timeout, "", 0, 0, 0);
  }

  @Test
  void httpMapsStatusCodesLikeConsul() throws Exception {
    CheckResult ok = run(def("http", "http://127.0.0.1:" + httpPort + "/ok", ""));
    assertEquals(HealthStatus.PASSING, ok.status());
    assertEquals("HTTP GET http://127.0.0.1:" + httpPort + "/ok: 200 OK Output: all good", ok.output());
    assertEquals(HealthStatus.WARNING, run(def("http", "http://127.0.0.1:" + httpPort + "/busy", "")).status());
    assertEquals(HealthStatus.CRITICAL, run(def("http", "http://127.0.0.1:" + httpPort + "/fail", "")).status());
  }

  @Test
  void httpToAClosedPortIsCritical() throws Exception {
    CheckResult r = run(def("http", "http://127.0.0.1:" + closedPort() + "/", "1s"));
    assertEquals(HealthStatus.CRITICAL, r.status());
    assertTrue(r.output().startsWith("HTTP GET"), r.output());
  }

  @Test
  void tcpPassesOnlyWhenSomethingListens() throws Exception {
    NetServer listener = await(vertx.createNetServer().connectHandler(s -> s.close()).listen(0, "127.0.0.1"));
    assertEquals(HealthStatus.PASSING, run(def("tcp", "127.0.0.1:" + listener.actualPort(), "")).status());
    assertEquals(HealthStatus.CRITICAL, run(def("tcp", "127.0.0.1:" + closedPort(), "1s")).status());
    await(listener.close());
  }

  @Test
  void udpIsCriticalOnlyWhenTheKernelRefuses() throws Exception {
    DatagramSocket socket = await(vertx.createDatagramSocket().listen(0, "127.0.0.1"));
    assertEquals(HealthStatus.PASSING, run(def("udp", "127.0.0.1:" + socket.localAddress().port(), "200ms")).status());
    assertEquals(HealthStatus.CRITICAL, run(def("udp", "127.0.0.1:" + closedPort(), "200ms")).status());
    await(socket.close());
  }

  @Test
  void scriptExitCodesMapToStatusesAndOutputIsKept() throws Exception {
    CheckResult ok = run(def("script", "echo fine; exit 0", ""));
    assertEquals(new CheckResult(HealthStatus.PASSING, "fine\n"), ok);
    assertEquals(HealthStatus.WARNING, run(def("script", "exit 1", "")).status());
    assertEquals(HealthStatus.CRITICAL, run(def("script", "echo oops >&2; exit 2", "")).status());
  }

  @Test
  void aScriptPastItsTimeoutIsKilledAndCritical() throws Exception {
    long t0 = System.nanoTime();
    CheckResult r = run(def("script", "sleep 5", "300ms"));
    assertEquals(HealthStatus.CRITICAL, r.status());
    assertTrue(r.output().startsWith("Timed out"), r.output());
    assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(4), "killed, not waited for");
  }

  @Test
  void grpcHealthAgainstGrpcJavasReferenceServer() throws Exception {
    HealthStatusManager health = new HealthStatusManager();
    health.setStatus("", ServingStatus.SERVING);
    health.setStatus("db", ServingStatus.NOT_SERVING);
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(health.getHealthService()).build().start();
    try {
      String addr = "127.0.0.1:" + server.getPort();
      assertEquals(HealthStatus.PASSING, run(def("grpc", addr, "")).status());
      CheckResult notServing = run(def("grpc", addr + "/db", ""));
      assertEquals(HealthStatus.CRITICAL, notServing.status());
      assertTrue(notServing.output().contains("NOT_SERVING"), notServing.output());
      CheckResult unknown = run(def("grpc", addr + "/nope", ""));
      assertEquals(HealthStatus.CRITICAL, unknown.status());
      assertTrue(unknown.output().contains("code = 5"), unknown.output());
    } finally {
      server.shutdownNow();
    }
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
