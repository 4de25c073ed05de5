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

  private final ServiceSummaries services;
  private final EventStream events;
  private boolean enabled;
  private Path dir;
  private SummaryEndpoints summaries;

  /**
   * Starts following the catalog. Made before the HTTP layer's blocking queries subscribe to the same
   * publisher, so the summaries of a snapshot are built before a request it wakes asks for them.
   */
  public UiRoutes(SnapshotPublisher<CatalogSnapshot> catalog, SnapshotPublisher<KvState> kv, Clock clock) {
    this.services = new ServiceSummaries(catalog);
    this.events = new EventStream(catalog::current, kv::current, new ChangeFeed(catalog, clock));
  }

  /** What to serve: the pages or not, from the jar ({@code dir} null) or a directory, and the summaries' reads. */
  public UiRoutes serve(boolean enabled, Path dir, SnapshotReads<CatalogSnapshot> reads, String datacenter) {
    this.enabled = enabled;
    this.dir = dir;
    this.summaries = new SummaryEndpoints(reads, datacenter, services);
    return this;
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
    // Revalidated on every load (Last-Modified): the default "immutable, a day" would keep an upgraded agent's
    // browsers on the old modules, mixed with new ones.
    router.get("/ui/*").handler(assets.setIndexPage("index.html").setMaxAgeSeconds(0));
  }
}
