package io.consulate.http;

import io.consulate.cluster.ClusterView;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The shape of every blocking-capable read: check {@code ?dc}, with {@code ?consistent} first confirm through
 * the leader that this node has every acknowledged write, wait per {@code ?index}, set Consul's headers with the
 * view's index, and render from that one snapshot (catalog and KV alike). A default or {@code ?stale} read is
 * served from this node's snapshot, even without a leader.
 *
 * <p>Rendered bodies are kept per snapshot and request (path and query, minus {@code index} and {@code wait}):
 * when a write wakes a thousand watchers of one service, the answer is built and encoded once, not a thousand
 * times. A new snapshot starts an empty cache; the cache is bounded.
 */
public final class SnapshotReads<S> {
  private static final int MAX_CACHED = 4096;

  private final BlockingQueries<S> blocking;
  private final String datacenter;
  private final ClusterView cluster;
  private final Supplier<CompletionStage<Long>> barrier;
  private volatile Rendered<S> rendered = new Rendered<>(null);

  private record Rendered<S>(S snapshot, Map<String, Object> bodies) {
    Rendered(S snapshot) {
      this(snapshot, new ConcurrentHashMap<>());
    }
  }

  public SnapshotReads(BlockingQueries<S> blocking, String datacenter, ClusterView cluster,
      Supplier<CompletionStage<Long>> barrier) {
    this.blocking = blocking;
    this.datacenter = datacenter;
    this.cluster = cluster;
    this.barrier = barrier;
  }

  public Future<Object> read(RoutingContext ctx, ToLongFunction<S> view, Function<S, Object> render) {
    Params.requireDatacenter(ctx, datacenter);
    boolean consistent = ctx.request().params().contains("consistent");
    boolean stale = ctx.request().params().contains("stale");
    if (consistent && stale) throw ApiError.badRequest("Cannot specify ?stale with ?consistent, conflicting semantics.");
    String effective = consistent ? "consistent" : stale || !cluster.isLeader() ? "stale" : "leader";
    Future<?> confirmed = consistent ? Replies.onContext(barrier.get()) : Future.succeededFuture();
    return confirmed.compose(x -> blocking.await(ctx, view)).map(snap -> {
      QueryMeta.set(ctx.response(), view.applyAsLong(snap), cluster.knownLeader(), cluster.lastContactMillis(), effective);
      return cached(snap, ctx, () -> {
        RequestAcl.takeFiltered(ctx);
        Object value = RequestAcl.markFiltered(ctx, render.apply(snap));
        if (value instanceof HeadedReply h) return new HeadedReply(h.headers(), encoded(ctx, h.body()));
        return encoded(ctx, value);
      });
    });
  }

  private static Object encoded(RoutingContext ctx, Object value) {
    return value instanceof RawBody ? value : Replies.encode(ctx, value);
  }

  /** The reply for this request on this snapshot: rendered once, then shared. Errors are not cached. */
  private Object cached(S snap, RoutingContext ctx, Supplier<Object> renderReply) {
    Rendered<S> r = rendered;
    if (r.snapshot() != snap) {
      r = new Rendered<>(snap);
      rendered = r;
    }
    String key = requestKey(ctx);
    Object hit = r.bodies().get(key);
    if (hit != null) return hit;
    Object body = renderReply.get();
    if (r.bodies().size() < MAX_CACHED) r.bodies().putIfAbsent(key, body);
    return body;
  }

  /** Path and query without the blocking parameters, which do not change the body, and whose token reads. */
  private static String requestKey(RoutingContext ctx) {
    String query = ctx.request().query();
    if (query == null) return RequestAcl.cacheKey(ctx) + ' ' + ctx.request().path();
    StringBuilder kept = new StringBuilder(RequestAcl.cacheKey(ctx)).append(' ').append(ctx.request().path()).append('?');
    for (String part : query.split("&")) {
      if (!part.startsWith("index=") && !part.startsWith("wait=")) kept.append(part).append('&');
    }
    return kept.toString();
  }
}
