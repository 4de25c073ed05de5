package io.consulate.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /v1/agent/metrics}: Consul's JSON (Timestamp, Gauges, Points, Counters, Samples; timings in
 * milliseconds, labels from the meters' tags), or with {@code ?format=prometheus} the Prometheus text format
 * written by Micrometer's registry. Consul's JSON holds the last 10 s interval; ours holds totals since the agent
 * started (Rate is per second over that time), which is what a scraper wants and what the text format says too.
 */
final class MetricsEndpoint {
  private static final DateTimeFormatter CONSUL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z 'UTC'");

  private final PrometheusMeterRegistry registry;
  private final Clock clock;
  private final long startMillis;

  MetricsEndpoint(PrometheusMeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
    this.startMillis = clock.millis();
  }

  Object metrics(RoutingContext ctx) {
    if ("prometheus".equals(ctx.request().getParam("format"))) {
      ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(registry.scrape());
      return null;
    }
    double seconds = Math.max(1, (clock.millis() - startMillis) / 1000.0);
    JsonArray gauges = new JsonArray();
    JsonArray counters = new JsonArray();
    JsonArray samples = new JsonArray();
    registry.getMeters().stream().sorted(Comparator.comparing((Meter m) -> m.getId().getName())).forEach(m -> {
      if (m instanceof TimeGauge g) gauges.add(gauge(m, g.value(TimeUnit.MILLISECONDS)));
      else if (m instanceof Gauge g) gauges.add(gauge(m, g.value()));
      else if (m instanceof Counter c) counters.add(counter(m, c.count(), seconds));
      else if (m instanceof FunctionCounter c) counters.add(counter(m, c.count(), seconds));
      else if (m instanceof Timer t) {
        samples.add(sample(m, t.count(), t.totalTime(TimeUnit.MILLISECONDS), t.max(TimeUnit.MILLISECONDS), seconds));
      } else if (m instanceof FunctionTimer t) {
        samples.add(sample(m, (long) t.count(), t.totalTime(TimeUnit.MILLISECONDS), 0, seconds));
      } else if (m instanceof DistributionSummary d) {
        samples.add(sample(m, d.count(), d.totalAmount(), d.max(), seconds));
      }
    });
    return new JsonObject().put("Timestamp", CONSUL_TIME.format(clock.instant().atOffset(ZoneOffset.UTC)))
        .put("Gauges", gauges).put("Points", new JsonArray()).put("Counters", counters).put("Samples", samples);
  }

  private static JsonObject named(Meter m) {
    JsonObject labels = new JsonObject();
    for (Tag t : m.getId().getTags()) labels.put(t.getKey(), t.getValue());
    return new JsonObject().put("Name", m.getId().getName()).put("Labels", labels);
  }

  private static JsonObject gauge(Meter m, double value) {
    return named(m).put("Value", value);
  }

  /** Our counters count by one, so Consul's per-increment Min, Max and Mean are 1 once anything was counted. */
  private static JsonObject counter(Meter m, double count, double seconds) {
    int one = count > 0 ? 1 : 0;
    return named(m).put("Count", (long) count).put("Rate", count / seconds).put("Sum", count).put("Min", one)
        .put("Max", one).put("Mean", one).put("Stddev", 0);
  }

  /** Consul's aggregate: Count, Rate, Sum, Min, Max, Mean, Stddev (Micrometer keeps no minimum or deviation). */
  private static JsonObject sample(Meter m, long count, double sum, double max, double seconds) {
    return named(m).put("Count", count).put("Rate", sum / seconds).put("Sum", sum).put("Min", 0).put("Max", max)
        .put("Mean", count == 0 ? 0 : sum / count).put("Stddev", 0);
  }
}
