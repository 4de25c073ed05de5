package io.consulate.http;

import io.consulate.cluster.ForwardedReply;
import io.consulate.cluster.ForwardedRequest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * Answers a request forwarded from another agent as this agent's own HTTP API answers it, by asking that API
 * over loopback: the same routes, blocking queries, errors and headers as a local client gets, with no second
 * copy of the route table.
 */
public final class LocalReplay implements Function<ForwardedRequest, CompletionStage<ForwardedReply>> {
  /** Blocking queries park a connection each for minutes: as many as are forwarded at once. */
  private static final int MAX_CONNECTIONS = 10_000;

  private final HttpClient client;
  private final String host;
  private final IntSupplier port;

  /**
   * {@code clientAddr} is where the API listens (a wildcard is reached on loopback); {@code port} once it listens;
   * {@code options} plain, or TLS when only the HTTPS port is open.
   */
  public LocalReplay(Vertx vertx, String clientAddr, IntSupplier port, HttpClientOptions options) {
    this.client = vertx.createHttpClient(new HttpClientOptions(options).setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS));
    this.host = switch (clientAddr) {
      case "0.0.0.0" -> "127.0.0.1";
      case "::", "[::]" -> "::1";
      default -> clientAddr;
    };
    this.port = port;
  }

  @Override
  public CompletionStage<ForwardedReply> apply(ForwardedRequest r) {
    if (!DatacenterForwarding.servable(r.uri())) {
      return java.util.concurrent.CompletableFuture.completedFuture(new ForwardedReply(403,
          List.of(Map.entry("Content-Type", "text/plain; charset=utf-8")),
          "Permission denied: only datacenter-routed endpoints are answered for other agents".getBytes(
              java.nio.charset.StandardCharsets.UTF_8)));
    }
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(r.method())).setHost(host)
        .setPort(port.getAsInt()).setURI(r.uri());
    for (Map.Entry<String, String> h : r.headers()) options.addHeader(h.getKey(), h.getValue());
    return client.request(options)
        .compose(req -> req.send(Buffer.buffer(r.body())))
        .compose(res -> res.body().map(body -> new ForwardedReply(res.statusCode(), passedBack(res), body.getBytes())))
        .toCompletionStage();
  }

  /** Consul's headers and the content's type and encoding; not the connection's own. */
  private static List<Map.Entry<String, String>> passedBack(HttpClientResponse res) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (Map.Entry<String, String> h : res.headers()) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (name.startsWith("x-consul-") || name.equals("content-type") || name.equals("content-encoding")) {
        out.add(Map.entry(h.getKey(), h.getValue()));
      }
    }
    return out;
  }
}
