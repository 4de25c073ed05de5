package io.consulate.http;

import io.consulate.cluster.Datacenters;
import io.consulate.cluster.ForwardedReply;
import io.consulate.cluster.ForwardedRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A request whose {@code ?dc=} names another datacenter is answered there, as Consul's servers forward RPCs: the
 * whole request (token and blocking parameters included) goes to a server of that datacenter, and its status,
 * {@code X-Consul-*} headers and body come back unchanged. Only the endpoints Consul routes by datacenter are
 * forwarded; the agent's own ({@code /v1/agent/...}) never are.
 */
final class DatacenterForwarding {
  private static final List<String> ROUTED = List.of("/v1/catalog/", "/v1/health/", "/v1/kv/", "/v1/session/",
      "/v1/txn", "/v1/event/fire/", "/v1/query", "/v1/coordinate/", "/v1/snapshot", "/v1/internal/ui/", "/v1/status/",
      "/v1/acl/");
  /** What this agent asks another one for itself (DNS entries, prepared query failover): never a user's request. */
  private static final String INTERNAL = "/v1/internal/consulate/";
  /** Answered here whatever the datacenter asked: the list of datacenters itself. */
  private static final String DATACENTERS = "/v1/catalog/datacenters";
  /** The request headers that change the answer; hop-by-hop ones stay here. */
  private static final Set<String> PASSED = Set.of("x-consul-token", "authorization", "content-type", "accept-encoding");
  /** A request that does not block gets this long to be answered over there. */
  private static final long PLAIN_TIMEOUT_MILLIS = 60_000;
  /** On top of a blocking query's wait (and Consul's jitter of wait/16): the way there and back. */
  private static final long BLOCKING_MARGIN_MILLIS = 10_000;

  private final String local;
  private final Datacenters datacenters;

  DatacenterForwarding(String local, Datacenters datacenters) {
    this.local = local;
    this.datacenters = datacenters;
  }

  void handle(RoutingContext ctx) {
    if (!forwarded(ctx)) ctx.next();
  }

  /** Whether the request is for another datacenter, and went there (its answer is written when it comes). */
  boolean forwarded(RoutingContext ctx) {
    String dc = ctx.request().getParam("dc");
    if (dc == null || dc.isEmpty() || dc.equalsIgnoreCase(local) || !routed(ctx.request().path())) return false;
    forward(ctx, dc.toLowerCase(Locale.ROOT));
    return true;
  }

  /** Sends the whole request to a server of {@code dc} and writes its answer as it came. */
  void forward(RoutingContext ctx, String dc) {
    long timeout = timeoutMillis(ctx);
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (Map.Entry<String, String> h : ctx.request().headers()) {
      if (PASSED.contains(h.getKey().toLowerCase(Locale.ROOT))) headers.add(Map.entry(h.getKey(), h.getValue()));
    }
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    ForwardedRequest request = new ForwardedRequest(ctx.request().method().name(), ctx.request().uri(), headers,
        body == null ? new byte[0] : body.getBytes());
    Replies.onContext(datacenters.forward(dc, request, timeout)).onComplete(ar -> {
      if (ar.failed()) Replies.fail(ctx, ar.cause());
      else write(ctx.response(), ar.result());
    });
  }

  private static boolean routed(String path) {
    if (path.equals(DATACENTERS)) return false;
    for (String prefix : ROUTED) if (path.startsWith(prefix)) return true;
    return false;
  }

  /**
   * Whether a request forwarded from another agent may be answered here: the endpoints Consul routes by datacenter
   * and this build's own internal ones, never the agent's ({@code /v1/agent/...}: leave, reload, registrations with
   * script checks), which Consul's RPC does not expose either.
   */
  static boolean servable(String uri) {
    int query = uri.indexOf('?');
    String path = query < 0 ? uri : uri.substring(0, query);
    return path.startsWith(INTERNAL) || routed(path) || path.equals(DATACENTERS);
  }

  private static long timeoutMillis(RoutingContext ctx) {
    if (BlockingQueries.index(ctx) == 0) return PLAIN_TIMEOUT_MILLIS;
    Duration wait = BlockingQueries.waitTime(ctx);
    return wait.toMillis() + wait.toMillis() / 16 + BLOCKING_MARGIN_MILLIS;
  }

  private static void write(HttpServerResponse res, ForwardedReply reply) {
    if (res.ended() || res.closed()) return;
    res.setStatusCode(reply.status());
    for (Map.Entry<String, String> h : reply.headers()) res.putHeader(h.getKey(), h.getValue());
    res.end(Buffer.buffer(reply.body()));
  }
}
