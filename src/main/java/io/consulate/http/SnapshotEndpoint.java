package io.consulate.http;

import io.consulate.store.Store;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/**
 * {@code GET /v1/snapshot}: a consistent backup of the whole state (catalog, KV, sessions) as an archive of
 * {@link io.consulate.store.SnapshotArchive}, with its index in {@code X-Consul-Index}, as Consul answers it.
 * {@code PUT /v1/snapshot} restores one: 200 once the cluster holds it; a damaged archive is a 400 naming why.
 */
final class SnapshotEndpoint {
  private final Store store;
  private final String datacenter;
  private final String node;
  private final Clock clock;

  SnapshotEndpoint(Store store, String datacenter, String node, Clock clock) {
    this.store = store;
    this.datacenter = datacenter;
    this.node = node;
    this.clock = clock;
  }

  Object save(RoutingContext ctx) {
    Params.requireDatacenter(ctx, datacenter);
    return Replies.onContext(store.save(datacenter, node, clock.millis())).map(saved -> {
      ctx.response().putHeader("Content-Type", "application/octet-stream")
          .putHeader("X-Consul-Index", Long.toString(saved.index())).end(Buffer.buffer(saved.archive()));
      return null;
    });
  }

  Object restore(RoutingContext ctx) {
    Params.requireDatacenter(ctx, datacenter);
    byte[] archive = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    return Replies.onContext(store.restore(archive, clock.millis())).map(index -> {
      ctx.response().putHeader("X-Consul-Index", Long.toString(index));
      return null;
    });
  }
}
