package io.consulate.http;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.logging.Level;

/**
 * {@code GET /v1/agent/monitor?loglevel=LEVEL[&logjson]} (Consul's AgentMonitor): the agent's log lines at LEVEL
 * (default info) and above, as text or JSON, streamed in chunks until the client goes. A client that reads too slowly
 * is not written to while its connection's queue is full; its lines wait in a bounded queue and the overflow is
 * dropped and reported.
 */
final class MonitorEndpoint {
  /** Consul flushes a monitor's output every 200 ms. */
  private static final long FLUSH_MILLIS = 200;
  private final LogStream log;

  MonitorEndpoint(LogStream log) {
    this.log = log;
  }

  Object monitor(RoutingContext ctx) {
    String word = ctx.request().getParam("loglevel");
    if (word == null || word.isEmpty()) word = "INFO";
    Level level = LogLevelWords.of(word);
    if (level == null) throw ApiError.badRequest("Unknown log level: " + word);
    HttpServerResponse res = ctx.response().setChunked(true).putHeader("Content-Type", "text/plain; charset=utf-8");
    res.writeHead(); // the client starts reading before the first line
    LogStream.Reader reader = log.open(level, ctx.request().params().contains("logjson"));
    Vertx vertx = ctx.vertx();
    long timer = vertx.setPeriodic(FLUSH_MILLIS, id -> {
      if (res.writeQueueFull()) return;
      String lines = reader.drain();
      if (!lines.isEmpty()) res.write(lines);
    });
    Promise<Object> ended = Promise.promise();
    res.closeHandler(v -> {
      vertx.cancelTimer(timer);
      reader.close();
      ended.tryComplete();
    });
    return ended.future();
  }
}
