package io.consulate.template;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Asynchronous GETs against a Consul-compatible agent, blocking on {@code ?index=&wait=} when asked. */
public final class ConsulClient {
  /** One answer: status, body and X-Consul-Index (0 when the header is absent). */
  record Answer(int status, String body, long index) {}

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String token;

  /** {@code address} is HOST:PORT or a URL, as {@code -consul-addr} and CONSUL_HTTP_ADDR accept; no token. */
  public ConsulClient(String address) {
    this(address, "");
  }

  /** A client whose every request carries {@code token} as X-Consul-Token ("" for none). */
  public ConsulClient(String address, String token) {
    this.base = address.contains("://") ? address.replaceAll("/+$", "") : "http://" + address;
    this.token = token;
  }

  public String base() {
    return base;
  }

  /** GET {@code path}; with index > 0 the agent holds the answer until the data changes or {@code wait} ends. */
  CompletableFuture<Answer> get(String path, long index, Duration wait) {
    String blocking = index > 0 ? (path.contains("?") ? "&" : "?") + "index=" + index + "&wait=" + wait.toSeconds() + "s" : "";
    // Consul adds up to wait/16 of jitter; allow for it and for a slow network before giving up.
    Duration timeout = wait.plus(wait.dividedBy(16)).plusSeconds(10);
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path + blocking)).timeout(timeout).GET();
    if (!token.isEmpty()) b.header("X-Consul-Token", token);
    HttpRequest request = b.build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(res -> new Answer(res.statusCode(), res.body(),
        res.headers().firstValue("X-Consul-Index").map(ConsulClient::parseIndex).orElse(0L)));
  }

  private static long parseIndex(String header) {
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
