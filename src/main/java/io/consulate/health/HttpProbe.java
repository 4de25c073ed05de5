package io.consulate.health;

import io.consulate.catalog.CheckDefinition;
import io.consulate.catalog.HealthStatus;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;

/**
 * Consul's HTTP check: 2xx passing, 429 warning, anything else (or no answer within the timeout) critical.
 * Output is Consul's "HTTP GET url: 200 OK Output: body".
 */
final class HttpProbe implements Probe {
  private final HttpClient client;
  private final CheckDefinition def;
  private final Duration timeout;

  HttpProbe(HttpClient client, CheckDefinition def, Duration timeout) {
    this.client = client;
    this.def = def;
    this.timeout = timeout;
  }

  @Override
  public Future<CheckResult> run() {
    HttpMethod method = HttpMethod.valueOf(def.method().isEmpty() ? "GET" : def.method().toUpperCase());
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    def.header().forEach(headers::add);
    if (!headers.contains("User-Agent")) headers.add("User-Agent", "Consul Health Check");
    RequestOptions options = new RequestOptions().setAbsoluteURI(def.http()).setMethod(method).setHeaders(headers)
        .setTimeout(timeout.toMillis()).setIdleTimeout(timeout.toMillis());
    String what = "HTTP " + method.name() + " " + def.http();
    return client.request(options)
        .compose(req -> def.body().isEmpty() ? req.send() : req.send(Buffer.buffer(def.body())))
        .compose(res -> res.body().map(body -> {
          int code = res.statusCode();
          HealthStatus status = code >= 200 && code < 300 ? HealthStatus.PASSING
              : code == 429 ? HealthStatus.WARNING : HealthStatus.CRITICAL;
          return new CheckResult(status, what + ": " + code + " " + res.statusMessage() + " Output: " + body);
        }))
        .otherwise(err -> CheckResult.critical(what + ": " + Probes.describe(err)));
  }
}
