package io.consulate.ui;

import io.consulate.acl.Authorizer;
import io.consulate.catalog.CatalogSnapshot;
import io.consulate.http.RequestAcl;
import io.consulate.kv.KvState;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * {@code GET /v1/internal/ui/events}: the one connection a UI tab keeps open (server-sent events), instead
 * of a long poll per widget. Every {@value #TICK_MILLIS} ms it looks at the catalog and KV indexes and the
 * change feed, and when any moved sends one {@code state} event: both indexes and the changes since the last
 * event. The page refetches what it shows. Events are cumulative, so a tick skipped while the client reads
 * slowly loses nothing; a reconnecting tab sends {@code Last-Event-ID} (or {@code ?after}) and gets the changes
 * it missed. A tab hears only of the changes its token (resolved when it connected) may read.
 */
final class EventStream {
  static final long TICK_MILLIS = 250;
  private static final long KEEPALIVE_MILLIS = 15_000;
  private static final int MAX_CHANGES_PER_EVENT = 100;

  private final Supplier<CatalogSnapshot> catalog;
  private final Supplier<KvState> kv;
  private final ChangeFeed feed;

  EventStream(Supplier<CatalogSnapshot> catalog, Supplier<KvState> kv, ChangeFeed feed) {
    this.catalog = catalog;
    this.kv = kv;
    this.feed = feed;
  }

  void open(RoutingContext ctx) {
    HttpServerResponse res = ctx.response();
    res.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no");
    Authorizer authz = SummaryAcl.seesAll(ctx) ? null : RequestAcl.authz(ctx);
    Tab tab = new Tab(res, lastEventId(ctx), authz == null ? c -> true : c -> c.visibleTo(authz));
    tab.send();
    long timer = ctx.vertx().setPeriodic(TICK_MILLIS, id -> tab.tick());
    res.closeHandler(v -> ctx.vertx().cancelTimer(timer));
  }

  private static long lastEventId(RoutingContext ctx) {
    // A browser's own reconnect sends the header; a tab reopening the stream after being hidden sends ?after.
    String id = ctx.request().getHeader("Last-Event-ID");
    if (id == null) id = ctx.request().getParam("after");
    try {
      return id == null ? 0 : Long.parseLong(id.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** What one tab was last told. Touched only on the request's event loop. */
  private final class Tab {
    private final HttpServerResponse res;
    private final Predicate<Change> visible;
    private long catalogIndex = -1;
    private long kvIndex = -1;
    private long seq;
    private long lastWrite;

    Tab(HttpServerResponse res, long seq, Predicate<Change> visible) {
      this.res = res;
      this.visible = visible;
      this.seq = seq;
    }

    void tick() {
      if (res.closed() || res.writeQueueFull()) return;
      if (catalog.get().index() != catalogIndex || kv.get().index() != kvIndex || feed.lastSeq() != seq) {
        send();
      } else if (System.currentTimeMillis() - lastWrite > KEEPALIVE_MILLIS) {
        write(": keepalive\n\n");
      }
    }

    void send() {
      catalogIndex = catalog.get().index();
      kvIndex = kv.get().index();
      long last = feed.lastSeq();
      if (seq > last) seq = 0; // an id from before this agent restarted: every change here is new to the tab
      List<Change> changes = feed.since(seq, MAX_CHANGES_PER_EVENT);
      JsonArray list = new JsonArray();
      for (Change c : changes) if (visible.test(c)) list.add(c.toJson());
      // None returned while some were numbered: they left the feed's window; the tab is now up to date.
      seq = changes.isEmpty() ? Math.max(seq, last) : changes.get(changes.size() - 1).seq();
      JsonObject data = new JsonObject().put("Boot", feed.boot()).put("CatalogIndex", catalogIndex).put("KvIndex", kvIndex)
          .put("Changes", list);
      write("id: " + seq + "\nevent: state\ndata: " + data.encode() + "\n\n");
    }

    private void write(String text) {
      lastWrite = System.currentTimeMillis();
      res.write(text);
    }
  }
}
