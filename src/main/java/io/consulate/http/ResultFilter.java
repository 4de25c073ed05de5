package io.consulate.http;

import io.consulate.json.filter.Filter;
import io.consulate.json.filter.FilterException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Consul's {@code ?filter=} on the endpoints that document it: the expression is parsed before the read (a bad one
 * is a 400 at once, blocking or not) and applied to each result as Consul's JSON shows it, so selectors name the
 * fields a client sees ({@code Service.Tags}, {@code Checks.Status}, {@code NodeMeta.env}).
 */
public final class ResultFilter {
  private static final ResultFilter ALL = new ResultFilter(null);
  private final Filter filter;

  private ResultFilter(Filter filter) {
    this.filter = filter;
  }

  /** The request's filter; one that keeps everything when none is given. */
  public static ResultFilter of(RoutingContext ctx) {
    String raw = ctx.request().getParam("filter");
    if (raw == null || raw.isEmpty()) return ALL;
    try {
      return new ResultFilter(Filter.parse(raw));
    } catch (FilterException e) {
      throw refusal(e);
    }
  }

  /** Whether no filter was given. */
  public boolean keepsAll() {
    return filter == null;
  }

  public boolean keeps(JsonObject result) {
    try {
      return filter == null || filter.matches(result);
    } catch (FilterException e) {
      throw refusal(e);
    }
  }

  /** The elements of a list result that match. */
  public JsonArray keep(JsonArray results) {
    if (filter == null) return results;
    JsonArray out = new JsonArray();
    for (Object o : results) if (keeps((JsonObject) o)) out.add(o);
    return out;
  }

  /** The entries of a map result (keyed by ID) whose values match. */
  public JsonObject keepValues(JsonObject results) {
    if (filter == null) return results;
    JsonObject out = new JsonObject();
    results.forEach(e -> {
      if (keeps((JsonObject) e.getValue())) out.put(e.getKey(), e.getValue());
    });
    return out;
  }

  private static ApiError refusal(FilterException e) {
    return ApiError.badRequest("Failed to create boolean expression evaluator: " + e.getMessage());
  }
}
