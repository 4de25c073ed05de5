package io.consulate.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Base of the commands that talk to a running agent: {@code -http-addr}, else {@code CONSUL_HTTP_ADDR},
 * else 127.0.0.1:8500, as Consul's CLI. A non-2xx answer becomes one error line and exit code 1.
 */
abstract class HttpCommand {
  @Option(names = "-http-addr", paramLabel = "ADDR", description = "The agent's HTTP address (default: $CONSUL_HTTP_ADDR or 127.0.0.1:8500).")
  String httpAddr;

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  String send(String method, String path) throws IOException, InterruptedException {
    HttpResponse<byte[]> res = exchange(method, path, null);
    String body = new String(res.body(), StandardCharsets.UTF_8);
    if (res.statusCode() / 100 != 2) {
      throw new IOException("Unexpected response code: " + res.statusCode() + " (" + body.trim() + ")");
    }
    return body;
  }

  /** One request with an optional raw body; the caller judges the status (a KV 404 is an answer). */
  HttpResponse<byte[]> exchange(String method, String path, byte[] body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base() + path)).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body)).build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new IOException("cannot reach the agent at " + base() + ": " + e.getClass().getSimpleName()
          + (e.getMessage() != null ? " " + e.getMessage() : ""));
    }
  }

  private String base() {
    String addr = httpAddr != null ? httpAddr : System.getenv().getOrDefault("CONSUL_HTTP_ADDR", "127.0.0.1:8500");
    return addr.contains("://") ? addr : "http://" + addr;
  }
}
