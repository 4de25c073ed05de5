package io.consulate.http;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.cluster.ClusterView;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The shape of every blocking-capable read: check {@code ?dc}, wait per {@code ?index}, set Consul's headers
 * with the view's index, and render from that one snapshot.
 */
final class SnapshotReads {
  private final BlockingQueries blocking;
  private final String datacenter;
  private final ClusterView cluster;

  SnapshotReads(BlockingQueries blocking, String datacenter, ClusterView cluster) {
    this.blocking = blocking;
    this.datacenter = datacenter;
    this.cluster = cluster;
  }

  Future<Object> read(RoutingContext ctx, ToLongFunction<CatalogSnapshot> view,
      Function<CatalogSnapshot, Object> render) {
    Params.requireDatacenter(ctx, datacenter);
    return blocking.await(ctx, view).map(snap -> {
      QueryMeta.set(ctx.response(), view.applyAsLong(snap), cluster.knownLeader());
      return render.apply(snap);
    });
  }
}
