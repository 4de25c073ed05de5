package io.consulate.ui;

import io.consulate.http.ApiError;
import io.consulate.http.HeadedReply;
import io.consulate.http.ResultFilter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code ?page=N&per_page=M} over a filtered list (pages count from 1), after Consul's {@code ?filter}. Without {@code per_page} the whole
 * list is the answer, as Consul gives it. The total before paging goes in {@code X-Consulate-Total}, so a
 * page can say "51-100 of 10,000".
 */
final class Page {
  static final String TOTAL_HEADER = "X-Consulate-Total";
  private static final int MAX_PER_PAGE = 1000;

  private Page() {}

  /** The requested page of {@code all}, each item rendered, with the total in its header. */
  static <T> HeadedReply of(RoutingContext ctx, List<T> all, Function<T, JsonObject> render, ResultFilter filter) {
    if (!filter.keepsAll()) { // the filter reads the rendered JSON: render all, then page through what it keeps
      List<JsonObject> kept = new ArrayList<>();
      for (T item : all) {
        JsonObject rendered = render.apply(item);
        if (filter.keeps(rendered)) kept.add(rendered);
      }
      return new HeadedReply(Map.of(TOTAL_HEADER, Integer.toString(kept.size())), new JsonArray(new ArrayList<>(slice(ctx, kept))));
    }
    JsonArray out = new JsonArray();
    for (T item : slice(ctx, all)) out.add(render.apply(item));
    return new HeadedReply(Map.of(TOTAL_HEADER, Integer.toString(all.size())), out);
  }

  private static <T> List<T> slice(RoutingContext ctx, List<T> all) {
    String perPage = ctx.request().getParam("per_page");
    if (perPage == null) return all;
    int size = positive(perPage, "per_page");
    if (size > MAX_PER_PAGE) throw ApiError.badRequest("per_page must be at most " + MAX_PER_PAGE);
    String page = ctx.request().getParam("page");
    long from = (long) ((page == null ? 1 : positive(page, "page")) - 1) * size;
    if (from >= all.size()) return List.of();
    return all.subList((int) from, (int) Math.min(all.size(), from + size));
  }

  private static int positive(String value, String name) {
    try {
      int n = Integer.parseInt(value);
      if (n >= 1) return n;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiError.badRequest("Invalid " + name + " \"" + value + "\": must be a whole number of 1 or more");
  }
}
