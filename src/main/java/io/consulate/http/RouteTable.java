package io.consulate.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Collects the API's routes, one line per endpoint, and completes the router with Consul's answers for what
 * matches no route: 405 with {@code Allow} for a known path and another method, 404 "Invalid URL path" else.
 */
final class RouteTable {
  private final Router router;
  private final RouteMetrics metrics;
  private final Map<String, List<HttpMethod>> methodsByPath = new LinkedHashMap<>();

  RouteTable(Router router, RouteMetrics metrics) {
    this.router = router;
    this.metrics = metrics;
  }

  RouteTable get(String path, Endpoint endpoint) {
    return add(HttpMethod.GET, path, endpoint);
  }

  RouteTable put(String path, Endpoint endpoint) {
    return add(HttpMethod.PUT, path, endpoint);
  }

  RouteTable delete(String path, Endpoint endpoint) {
    return add(HttpMethod.DELETE, path, endpoint);
  }

  RouteTable post(String path, Endpoint endpoint) {
    return add(HttpMethod.POST, path, endpoint);
  }

  private RouteTable add(HttpMethod method, String path, Endpoint endpoint) {
    router.route(method, path).handler(metrics.timing(method.name(), path)).handler(Replies.wrap(endpoint));
    methodsByPath.computeIfAbsent(path, p -> new ArrayList<>()).add(method);
    return this;
  }

  Router build() {
    methodsByPath.forEach((path, methods) -> {
      String allow = "OPTIONS," + methods.stream().map(HttpMethod::name).collect(Collectors.joining(","));
      router.route(path).handler(ctx -> {
        ctx.response().putHeader("Allow", allow);
        if (ctx.request().method() == HttpMethod.OPTIONS) ctx.response().end();
        else Replies.text(ctx.response(), 405, "method " + ctx.request().method().name() + " not allowed");
      });
    });
    router.route().handler(ctx -> Replies.text(ctx.response(), 404, ctx.request().path().startsWith("/v1/")
        ? "Invalid URL path: not a recognized HTTP API endpoint\n"
        : "Invalid URL path: if attempting to use the HTTP API, ensure the path starts with '/v1/'\n"));
    return router;
  }
}
