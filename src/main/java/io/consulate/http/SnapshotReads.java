package io.consulate.http;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The shape of every blocking-capable read: check {@code ?dc}, wait per {@code ?index}, set Consul's headers
 * with the view's index, and render from that one snapshot (catalog and KV alike).
 */
final class SnapshotReads<S> {
  private final BlockingQueries<S> blocking;
  private final String datacenter;

  SnapshotReads(BlockingQueries<S> blocking, String datacenter) {
    this.blocking = blocking;
    this.datacenter = datacenter;
  }

  Future<Object> read(RoutingContext ctx, ToLongFunction<S> view,
      Function<S, Object> render) {
    Params.requireDatacenter(ctx, datacenter);
    return blocking.await(ctx, view).map(snap -> {
      QueryMeta.set(ctx.response(), view.applyAsLong(snap));
      return render.apply(snap);
    });
  }
}
