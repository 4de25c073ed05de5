package io.consulate.ui;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.HealthStatus;
import io.consulate.catalog.ServiceInstance;
import io.consulate.http.ApiError;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The services page's filters, on the server so a 10,000-service catalog never reaches the browser whole:
 * {@code s} (search, see {@link Search}), {@code tag} (each one given must be present), {@code status} (the
 * worst check state), {@code meta=key=value} (some instance carries it; each one given must match) and
 * {@code sort} ({@code name}, the default, or {@code health}: critical first).
 */
record ServiceQuery(Predicate<String> search, List<String> tags, HealthStatus status, List<Map.Entry<String, String>> meta,
    boolean byHealth) {

  static ServiceQuery from(RoutingContext ctx) {
    String statusWord = ctx.request().getParam("status");
    HealthStatus status = null;
    if (statusWord != null && !statusWord.isEmpty()) {
      try {
        status = HealthStatus.of(statusWord);
      } catch (IllegalArgumentException e) {
        throw ApiError.badRequest("Invalid status \"" + statusWord + "\": must be passing, warning or critical");
      }
    }
    List<Map.Entry<String, String>> meta = new ArrayList<>();
    for (String pair : ctx.request().params().getAll("meta")) {
      int eq = pair.indexOf('=');
      if (eq < 1) throw ApiError.badRequest("Invalid meta filter \"" + pair + "\": must be key=value");
      meta.add(Map.entry(pair.substring(0, eq), pair.substring(eq + 1)));
    }
    String sort = ctx.request().getParam("sort", "name");
    if (!sort.equals("name") && !sort.equals("health")) {
      throw ApiError.badRequest("Invalid sort \"" + sort + "\": must be name or health");
    }
    List<String> tags = ctx.request().params().getAll("tag").stream().filter(t -> !t.isEmpty()).toList();
    return new ServiceQuery(Search.parse(ctx.request().getParam("s")), tags, status, meta, sort.equals("health"));
  }

  /** The summaries that pass every filter, in the order asked for; {@code meta} looks only at {@code visible} instances. */
  List<ServiceSummary> apply(Collection<ServiceSummary> all, CatalogSnapshot snap, Predicate<ServiceInstance> visible) {
    List<ServiceSummary> out = new ArrayList<>();
    for (ServiceSummary s : all) {
      if (!search.test(s.name()) || !s.tags().containsAll(tags)) continue;
      if (status != null && s.status() != status) continue;
      if (!meta.isEmpty() && !metaMatches(snap.services(s.name()).stream().filter(visible).toList())) continue;
      out.add(s);
    }
    if (byHealth) {
      out.sort(Comparator.comparing(ServiceSummary::status).reversed()
          .thenComparing(ServiceSummary::name, String.CASE_INSENSITIVE_ORDER));
    }
    return out;
  }

  private boolean metaMatches(List<ServiceInstance> instances) {
    for (Map.Entry<String, String> want : meta) {
      boolean any = false;
      for (ServiceInstance i : instances) any |= want.getValue().equals(i.meta().get(want.getKey()));
      if (!any) return false;
    }
    return true;
  }
}
