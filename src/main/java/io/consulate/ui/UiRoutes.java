package io.consulate.ui;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.http.Replies;
import io.consulate.http.SnapshotReads;
import io.consulate.kv.KvState;
import io.consulate.store.SnapshotPublisher;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Where the UI lives on the HTTP port, as in Consul: {@code /} answers 301 to {@code /ui/} when the UI is on,
 * and Consul's "UI disabled" line when it is off; the assets come from the jar, or from {@code -ui-dir}. The
 * summary endpoints and the event stream are API routes and answer whether or not the pages are served.
 */
public final class UiRoutes {
  static final String ASSETS = "ui-assets";
  private static final String DISABLED =
      "Consul Agent: UI disabled. To enable, set ui_config.enabled=true in the agent configuration and restart.";

  private final boolean enabled;
  private final Path dir;
  private final SummaryEndpoints summaries;
  private final EventStream events;

  /** {@code dir} is null for the assets built into the jar. */
  public UiRoutes(boolean enabled, Path dir, SnapshotReads<CatalogSnapshot> reads, String datacenter,
      SnapshotPublisher<CatalogSnapshot> catalog, SnapshotPublisher<KvState> kv, Clock clock) {
    this.enabled = enabled;
    this.dir = dir;
    this.summaries = new SummaryEndpoints(reads, datacenter, new ServiceSummaries(catalog));
    this.events = new EventStream(catalog::current, kv::current, new ChangeFeed(catalog, clock));
  }

  /** Adds the routes; called once per HTTP verticle, each with its own router. */
  public void mount(Router router) {
    router.get("/v1/internal/ui/services").handler(Replies.wrap(summaries::services));
    router.get("/v1/internal/ui/nodes").handler(Replies.wrap(summaries::nodes));
    router.get("/v1/internal/ui/events").handler(events::open);
    router.route(HttpMethod.GET, "/").handler(ctx -> {
      if (enabled) ctx.response().setStatusCode(301).putHeader("Location", "/ui/").end();
      else ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(DISABLED);
    });
    if (!enabled) return;
    // Vert.x matches "/ui" for "/ui/" too: only the bare path is sent on.
    router.get("/ui").handler(ctx -> {
      if (ctx.request().path().endsWith("/")) ctx.next();
      else ctx.response().setStatusCode(301).putHeader("Location", "/ui/").end();
    });
    StaticHandler assets = dir == null ? StaticHandler.create(ASSETS)
        : StaticHandler.create(FileSystemAccess.ROOT, dir.toAbsolutePath().toString());
    router.get("/ui/*").handler(assets.setIndexPage("index.html"));
  }
}
