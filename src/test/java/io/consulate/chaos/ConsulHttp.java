package io.consulate.chaos;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The tool's only way into the cluster: Consul's public HTTP API on each node's own loopback address, port 8500,
 * and the one place that decides what a failed exchange says about a write.
 *
 * <p>Clients connect from 127.0.0.1, the kernel's source for any 127/8 destination, so the partition rules, which
 * only match node-to-node addresses, never cut a client off: a minority node stays reachable and must answer.
 */
final class ConsulHttp {
  static final int HTTP_PORT = 8500;

  /** A reply: status, body, and {@code X-Consul-Index} (0 when absent). */
  record Reply(int status, String body, long index) {
    boolean ok() {
      return status == 200;
    }
  }

  private final HttpClient client;
  private final Duration timeout;

  ConsulHttp(Duration timeout) {
    this.timeout = timeout;
    // HTTP/1.1: the JDK's default, HTTP/2, would first try an upgrade on cleartext connections.
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1))
        .build();
  }

  /** n1..n3 listen on 127.0.0.11..13. */
  static String address(String node) {
    return "127.0.0.1" + Integer.parseInt(node.substring(1));
  }

  Reply get(String node, String path) throws IOException, InterruptedException {
    return send(node, path, HttpRequest.newBuilder().GET());
  }

  Reply put(String node, String path, String body) throws IOException, InterruptedException {
    return send(node, path, HttpRequest.newBuilder().PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  private Reply send(String node, String path, HttpRequest.Builder request) throws IOException, InterruptedException {
    URI uri = URI.create("http://" + address(node) + ":" + HTTP_PORT + path);
    HttpResponse<String> res = client.send(request.uri(uri).timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
    long index = res.headers().firstValue("X-Consul-Index").map(Long::parseLong).orElse(0L);
    return new Reply(res.statusCode(), res.body(), index);
  }

  /** Why an exchange failed, for the history: status and the first line of the reason. */
  static String error(Reply reply) {
    String reason = reply.body().strip();
    int eol = reason.indexOf('\n');
    if (eol >= 0) reason = reason.substring(0, eol);
    if (reason.length() > 80) reason = reason.substring(0, 80) + "...";
    return (reply.status() + " " + reason).strip();
  }

  static String error(IOException e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  /**
   * What a non-200 reply says about a write. A 4xx is a refusal before anything was applied: FAIL. Any 5xx is
   * unknown, even Consul's definite {@code 500 No cluster leader}: this tool must not trust the implementation it
   * tests to tell a definite refusal from a failure half-way through, so it assumes the worst (INFO).
   */
  static Op.Outcome outcomeOf(Reply reply) {
    return reply.status() >= 400 && reply.status() < 500 ? Op.Outcome.FAIL : Op.Outcome.INFO;
  }

  /**
   * What an exception says about a write. Connection refused or not established in time: nothing was sent, FAIL
   * (the JDK client never resends a PUT over a new connection). Anything else (timeout, reset, closed) may have
   * happened after the request reached the server: INFO.
   */
  static Op.Outcome outcomeOf(IOException e) {
    return e instanceof ConnectException || e instanceof HttpConnectTimeoutException ? Op.Outcome.FAIL : Op.Outcome.INFO;
  }
}
