package io.consulate.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.catalog.CheckDefinition;
import io.consulate.catalog.HealthStatus;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GRPCUseTLS against grpc-java's health server behind a self-signed certificate: Consul verifies the server
 * unless TLSSkipVerify is set, so the same server is critical by default and passing with skip-verify.
 */
class GrpcTlsProbeTest {
  private static final char[] PASSWORD = "changeit".toCharArray();
  private static Vertx vertx;
  private static Probes probes;
  private static Server server;
  private static String addr;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    vertx = Vertx.vertx();
    probes = new Probes(vertx);
    HealthStatusManager health = new HealthStatusManager();
    health.setStatus("", ServingStatus.SERVING);
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0), selfSigned(dir))
        .addService(health.getHealthService()).build().start();
    addr = "127.0.0.1:" + server.getPort();
  }

  @AfterAll
  static void stop() {
    if (server != null) server.shutdownNow();
    vertx.close();
  }

  /**
   * A fresh key pair and certificate made by the JDK's own keytool, so no test needs a checked-in key or a
   * certificate library. The SAN matches the address we dial, so only the untrusted issuer can fail the check.
   */
  private static ServerCredentials selfSigned(Path dir) throws Exception {
    Path store = dir.resolve("server.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC",
        "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
        "-validity", "1", "-storetype", "PKCS12", "-keystore", store.toString(),
        "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), "keytool failed: " + out);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, PASSWORD);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD);
    return TlsServerCredentials.newBuilder().keyManager(kmf.getKeyManagers()).build();
  }

  private static CheckResult run(boolean useTls, boolean skipVerify) throws Exception {
    CheckDefinition def = new CheckDefinition("", "", Map.of(), "", skipVerify, "", "", addr, useTls, List.of(),
        "", "", "", "1s", "5s", "", 0, 0, 0);
    return probes.forDefinition(def).run().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Test
  void anUntrustedCertificateIsCriticalByDefault() throws Exception {
    CheckResult r = run(true, false);
    assertEquals(HealthStatus.CRITICAL, r.status(), r.output());
    assertTrue(r.output().contains("certification path"), r.output());
  }

  @Test
  void tlsSkipVerifyAcceptsTheSelfSignedCertificate() throws Exception {
    CheckResult r = run(true, true);
    assertEquals(HealthStatus.PASSING, r.status(), r.output());
    assertEquals("gRPC " + addr + ": status SERVING", r.output());
  }
}
