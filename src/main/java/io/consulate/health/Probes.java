package io.consulate.health;

import io.consulate.catalog.CheckDefinition;
import io.consulate.catalog.GoDuration;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.SocketAddress;
import java.time.Duration;

/**
 * Builds the probe for a check definition, sharing clients (and their connection pools) across checks so a
 * thousand checks at a one-second interval cost a thousand requests, not a thousand clients.
 */
final class Probes {
  /** Consul's default when a check has no {@code timeout}. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final Vertx vertx;
  private final HttpClient http;
  private final HttpClient httpInsecure;
  private final HttpClient grpc;
  private final HttpClient grpcTls;
  private final HttpClient grpcInsecure;
  private final NetClient tcp;

  Probes(Vertx vertx) {
    this.vertx = vertx;
    PoolOptions pool = new PoolOptions().setHttp1MaxSize(64).setHttp2MaxSize(8);
    this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true), pool);
    this.httpInsecure = vertx.createHttpClient(new HttpClientOptions().setTrustAll(true).setVerifyHost(false), pool);
    HttpClientOptions h2 = new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false);
    this.grpc = vertx.createHttpClient(h2, pool);
    // gRPC over TLS needs ALPN to agree on h2. This client verifies the chain against the JVM's default trust
    // store and the host name, as Consul does for GRPCUseTLS unless TLSSkipVerify is set.
    this.grpcTls = vertx.createHttpClient(new HttpClientOptions(h2).setUseAlpn(true).setVerifyHost(true), pool);
    this.grpcInsecure = vertx.createHttpClient(new HttpClientOptions(h2).setTrustAll(true).setVerifyHost(false)
        .setUseAlpn(true), pool);
    this.tcp = vertx.createNetClient(new NetClientOptions().setConnectTimeout((int) DEFAULT_TIMEOUT.toMillis()));
  }

  /** The probe for a periodic check, or null for kinds that are not probed (TTL, alias). */
  Probe forDefinition(CheckDefinition def) {
    Duration timeout = def.timeout().isEmpty() ? DEFAULT_TIMEOUT : GoDuration.parse(def.timeout());
    switch (def.type()) {
      case "http": return new HttpProbe(def.tlsSkipVerify() ? httpInsecure : http, def, timeout);
      case "tcp": return new TcpProbe(vertx, tcp, def.tcp(), timeout);
      case "udp": return new UdpProbe(vertx, def.udp(), timeout);
      case "script": return new ScriptProbe(vertx, def.args(), timeout);
      case "grpc": return new GrpcProbe(grpcClient(def), def.grpc(), def.grpcUseTls(), timeout);
      default: return null;
    }
  }

  /** Consul reads TLSSkipVerify for a gRPC check only when GRPCUseTLS is set; plaintext stays plaintext. */
  private HttpClient grpcClient(CheckDefinition def) {
    if (!def.grpcUseTls()) return grpc;
    return def.tlsSkipVerify() ? grpcInsecure : grpcTls;
  }

  /** "host:port" or "[v6]:port". */
  static SocketAddress hostPort(String target) {
    int colon = target.lastIndexOf(':');
    if (colon <= 0) throw new IllegalArgumentException("invalid address \"" + target + "\": expected host:port");
    String host = target.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
    try {
      return SocketAddress.inetSocketAddress(Integer.parseInt(target.substring(colon + 1)), host);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid port in \"" + target + "\"");
    }
  }

  /**
   * The error's message, followed by its root cause's when that says something new: Vert.x reports a refused
   * certificate as "Failed to create SSL connection" and keeps the reason (untrusted issuer, wrong host) only
   * in the cause, which is what an operator needs to read in the check output.
   */
  static String describe(Throwable err) {
    String msg = message(err);
    Throwable root = err;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String why = message(root);
    return root == err || msg.contains(why) ? msg : msg + ": " + why;
  }

  private static String message(Throwable err) {
    String msg = err.getMessage();
    return msg == null || msg.isEmpty() ? err.getClass().getSimpleName() : msg;
  }
}
