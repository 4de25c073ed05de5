package io.consulate.cli;

import io.consulate.acl.ApiToken;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Base of the commands that talk to a running agent, with Consul's client flags: {@code -http-addr} (else
 * {@code CONSUL_HTTP_ADDR}, else 127.0.0.1:8500), {@code -token} and {@code -token-file} (else {@code CONSUL_HTTP_TOKEN}
 * and {@code CONSUL_HTTP_TOKEN_FILE}, chosen as {@link ApiToken} says), sent as {@code X-Consul-Token}, and {@code -datacenter}, sent as {@code ?dc=} on every request; over HTTPS
 * ({@code https://} in the address, or {@code CONSUL_HTTP_SSL=true}) {@code -ca-file}, {@code -client-cert} and
 * {@code -client-key} (or {@code CONSUL_CACERT}, {@code CONSUL_CLIENT_CERT}, {@code CONSUL_CLIENT_KEY}). A non-2xx
 * answer becomes one error line and exit code 1.
 */
abstract class HttpCommand {
  @Option(names = "-http-addr", paramLabel = "ADDR",
      description = "The agent's HTTP address (default: $CONSUL_HTTP_ADDR or 127.0.0.1:8500).")
  String httpAddr;

  @Option(names = "-token", paramLabel = "TOKEN", description = "ACL token to use in the request (default: $CONSUL_HTTP_TOKEN).")
  String token;

  @Option(names = "-token-file", paramLabel = "FILE", description = "File containing the ACL token to use in the request "
      + "instead of one specified via -token or CONSUL_HTTP_TOKEN (default: $CONSUL_HTTP_TOKEN_FILE).")
  String tokenFile;

  @Option(names = "-datacenter", paramLabel = "DC",
      description = "Name of the datacenter to query (default: the agent's).")
  String datacenter;

  @Option(names = "-ca-file", paramLabel = "FILE",
      description = "A PEM CA certificate to verify the agent's HTTPS certificate with (default: $CONSUL_CACERT).")
  java.nio.file.Path caFile;

  @Option(names = "-client-cert", paramLabel = "FILE",
      description = "A PEM client certificate, for agents with verify_incoming (default: $CONSUL_CLIENT_CERT).")
  java.nio.file.Path clientCert;

  @Option(names = "-client-key", paramLabel = "FILE",
      description = "The client certificate's PEM key (default: $CONSUL_CLIENT_KEY).")
  java.nio.file.Path clientKey;

  private HttpClient client;
  private String resolvedToken;

  /**
   * The token every request carries ("" for none), read once; {@link ClientPreflight} calls it before the command runs
   * so that an unreadable token file is one error line, as in Consul.
   */
  String token() throws IOException {
    if (resolvedToken == null) resolvedToken = ApiToken.forCli(token, tokenFile, System.getenv());
    return resolvedToken;
  }

  /** Built on first use: TLS settings come from flags and the environment, and a plain agent needs none. */
  private HttpClient client() throws IOException {
    if (client == null) {
      HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
      if (base().startsWith("https://")) {
        b.sslContext(PemFiles.context(path(caFile, "CONSUL_CACERT"), path(clientCert, "CONSUL_CLIENT_CERT"),
            path(clientKey, "CONSUL_CLIENT_KEY")));
      }
      client = b.build();
    }
    return client;
  }

  private static java.nio.file.Path path(java.nio.file.Path flag, String env) {
    if (flag != null) return flag;
    String v = System.getenv(env);
    return v == null || v.isEmpty() ? null : java.nio.file.Path.of(v);
  }

  String send(String method, String path) throws IOException, InterruptedException {
    return send(method, path, null);
  }

  String send(String method, String path, byte[] body) throws IOException, InterruptedException {
    HttpResponse<byte[]> res = exchange(method, path, body);
    requireOk(res);
    return text(res);
  }

  /** One request with an optional raw body; the caller judges the status (a KV 404 is an answer). */
  HttpResponse<byte[]> exchange(String method, String path, byte[] body) throws IOException, InterruptedException {
    HttpRequest request = request(path).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body)).build();
    return reach(() -> client().send(request, HttpResponse.BodyHandlers.ofByteArray()));
  }

  /** A GET whose body is read as it arrives (a stream of log lines). */
  HttpResponse<InputStream> stream(String path) throws IOException, InterruptedException {
    HttpRequest request = request(path).GET().build();
    return reach(() -> client().send(request, HttpResponse.BodyHandlers.ofInputStream()));
  }

  private HttpRequest.Builder request(String path) throws IOException {
    String dc = datacenter == null || datacenter.isEmpty() ? ""
        : (path.contains("?") ? "&" : "?") + "dc=" + encode(datacenter);
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path + dc));
    String t = token();
    if (!t.isEmpty()) b.header("X-Consul-Token", t);
    return b;
  }

  private interface Call<T> {
    T run() throws IOException, InterruptedException;
  }

  private <T> T reach(Call<T> call) throws IOException, InterruptedException {
    try {
      return call.run();
    } catch (IOException e) {
      throw new IOException("cannot reach the agent at " + base() + ": " + e.getClass().getSimpleName()
          + (e.getMessage() != null ? " " + e.getMessage() : ""));
    }
  }

  private String base() {
    String addr = httpAddr != null ? httpAddr : System.getenv().getOrDefault("CONSUL_HTTP_ADDR", "127.0.0.1:8500");
    if (addr.contains("://")) return addr;
    // CONSUL_HTTP_SSL=true makes a bare address an HTTPS one, as in Consul's client.
    return ("true".equalsIgnoreCase(System.getenv("CONSUL_HTTP_SSL")) ? "https://" : "http://") + addr;
  }

  static String text(HttpResponse<byte[]> res) {
    return new String(res.body(), StandardCharsets.UTF_8);
  }

  static void requireOk(HttpResponse<byte[]> res) throws IOException {
    if (res.statusCode() / 100 != 2) {
      throw new IOException("Unexpected response code: " + res.statusCode() + " (" + text(res).trim() + ")");
    }
  }

  /** A query value or path segment, percent-encoded ({@code %20} for a space, as Go's client sends it). */
  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Consul's way out of a command: one error line on stderr and exit code 1. */
  static int fail(String line) {
    System.err.println(line);
    return 1;
  }
}
