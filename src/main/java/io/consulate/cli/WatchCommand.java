package io.consulate.cli;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code consulate watch -type T ... [HANDLER]}: as {@code consul watch}, follows one view with blocking
 * queries and runs HANDLER in a shell with the view's JSON on stdin (and {@code CONSUL_INDEX} set) each time it
 * changes; without a handler, prints the JSON once. Errors are retried with back-off.
 */
@Command(name = "watch", description = "Watch a view of the registry or KV store and run a handler on changes.",
    mixinStandardHelpOptions = true)
public final class WatchCommand extends HttpCommand implements Callable<Integer> {
  @Option(names = "-type", required = true, description = "key, keyprefix, services, service, checks or nodes.")
  String type;
  @Option(names = "-key", description = "For -type key.")
  String key;
  @Option(names = "-prefix", description = "For -type keyprefix.")
  String prefix;
  @Option(names = "-service", description = "For -type service, or checks of one service.")
  String service;
  @Option(names = "-tag", description = "For -type service: only instances with this tag (repeatable).")
  List<String> tags = List.of();
  @Option(names = "-passing", description = "For -type service: only instances whose checks all pass.")
  boolean passing;
  @Option(names = "-state", description = "For -type checks: any, passing, warning or critical.")
  String state;
  @Parameters(arity = "0..*", paramLabel = "HANDLER")
  List<String> handler = List.of();

  @Override
  public Integer call() throws Exception {
    String path = path();
    long index = 0;
    String last = null;
    long backoffMillis = 1000;
    while (true) {
      HttpResponse<byte[]> res;
      try {
        res = exchange("GET", path + (path.contains("?") ? "&" : "?") + "index=" + index + "&wait=5m", null);
        if (res.statusCode() != 404) requireOk(res);
      } catch (Exception e) {
        System.err.println("==> watch error, retrying in " + backoffMillis / 1000 + "s: " + e.getMessage());
        Thread.sleep(backoffMillis);
        backoffMillis = Math.min(backoffMillis * 2, 60_000);
        continue;
      }
      backoffMillis = 1000;
      long next = Long.parseLong(res.headers().firstValue("X-Consul-Index").orElse("0"));
      String data = data(res);
      if (handler.isEmpty()) {
        System.out.println(data);
        return 0;
      }
      // An index that went backwards (a reset store) restarts the watch from scratch, as Consul's clients do.
      index = next < index ? 0 : next;
      if (data.equals(last)) continue;
      last = data;
      int code = Shell.start(handler, data.getBytes(StandardCharsets.UTF_8), Long.toString(next)).waitFor();
      if (code != 0) System.err.println("==> handler exited with status " + code);
    }
  }

  private String path() {
    switch (type) {
      case "key": return KvCommand.path(required(key, "-key"));
      case "keyprefix": return KvCommand.path(required(prefix, "-prefix")) + "?recurse";
      case "services": return "/v1/catalog/services";
      case "nodes": return "/v1/catalog/nodes";
      case "service": {
        StringBuilder q = new StringBuilder("/v1/health/service/").append(encode(required(service, "-service")))
            .append(passing ? "?passing" : "?passing=false");
        for (String t : tags) q.append("&tag=").append(encode(t));
        return q.toString();
      }
      case "checks":
        if (service != null) return "/v1/health/checks/" + encode(service);
        return "/v1/health/state/" + encode(state == null ? "any" : state);
      default: throw new IllegalArgumentException("Unsupported watch type: " + type);
    }
  }

  /** The JSON a handler gets: for a key the entry itself (null if absent), for a prefix a list ([] if none). */
  private String data(HttpResponse<byte[]> res) {
    String body = text(res);
    if (res.statusCode() == 404) return type.equals("key") ? "null" : "[]";
    Object value = Json.decodeValue(body);
    if (type.equals("key") && value instanceof JsonArray a) value = a.isEmpty() ? null : a.getValue(0);
    return value == null ? "null" : Json.encodePrettily(value);
  }

  private static String required(String value, String flag) {
    if (value == null) throw new IllegalArgumentException("Required flag " + flag + " missing for this watch type");
    return value;
  }
}
