package io.consulate.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code consul.http.request}: every API request by method, route (the route's pattern, never the raw path, so
 * keys and ids do not multiply the series) and status, with its latency up to the response's end; a blocking
 * query's includes its wait, as in Consul's own per-endpoint timings.
 */
final class RouteMetrics {
  static final String REQUEST = "consul.http.request";

  private final MeterRegistry registry;

  RouteMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** A handler to run first on one route: it times the request and counts it under its final status. */
  Handler<RoutingContext> timing(String method, String route) {
    Map<Integer, Timer> byStatus = new ConcurrentHashMap<>();
    return ctx -> {
      long start = System.nanoTime();
      ctx.addEndHandler(v -> byStatus.computeIfAbsent(ctx.response().getStatusCode(),
          status -> Timer.builder(REQUEST).description("HTTP API requests, by method, route and status")
              .tag("method", method).tag("route", route).tag("status", Integer.toString(status)).register(registry))
          .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS));
      ctx.next();
    };
  }
}
