package io.consulate.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP client (Vert.x WebClient) against one agent, with blocking calls to keep tests linear. Redirects
 * are answers to check (the UI's), not followed.
 */
public final class ApiClient implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final WebClient client;

  public ApiClient(int port) {
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
        .setFollowRedirects(false));
  }

  public HttpResponse<Buffer> get(String uri) throws Exception {
    return send(HttpMethod.GET, uri, null);
  }

  /** A GET carrying {@code token} in {@code X-Consul-Token}, as the web UI sends it. */
  public HttpResponse<Buffer> get(String uri, String token) throws Exception {
    return client.request(HttpMethod.GET, uri).putHeader("X-Consul-Token", token).send().toCompletionStage()
        .toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  public HttpResponse<Buffer> put(String uri, String body) throws Exception {
    return send(HttpMethod.PUT, uri, body);
  }

  public HttpResponse<Buffer> send(HttpMethod method, String uri, String body) throws Exception {
    return sendBytes(method, uri, body == null ? null : Buffer.buffer(body));
  }

  /** With {@code X-Consul-Token: token}; no header for null. */
  public HttpResponse<Buffer> send(HttpMethod method, String uri, String body, String token) throws Exception {
    var request = client.request(method, uri);
    if (token != null) request.putHeader("X-Consul-Token", token);
    var future = body == null ? request.send() : request.sendBuffer(Buffer.buffer(body));
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  public HttpResponse<Buffer> sendBytes(HttpMethod method, String uri, Buffer body) throws Exception {
    var request = client.request(method, uri);
    var future = body == null ? request.send() : request.sendBuffer(body);
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    vertx.close();
  }
}
