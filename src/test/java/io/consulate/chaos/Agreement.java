package io.consulate.chaos;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether the nodes serve the same data again: each node's own view ({@code ?stale}) of the run's KV keys with
 * value, ModifyIndex and lock holder, and of the registrations with their ModifyIndex. Run while writes are paused.
 */
final class Agreement {
  static final String NAME = "agreement";
  private static final long POLL_MILLIS = 200;
  private static final int SHOWN = 6;

  private final ConsulHttp http;

  Agreement(ConsulHttp http) {
    this.http = http;
  }

  /** Polls until all nodes serve the same view; empty if they did within {@code within}, else how they differ. */
  Optional<String> await(List<String> nodes, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    Map<String, Set<String>> views;
    do {
      views = new LinkedHashMap<>();
      for (String node : nodes) views.put(node, view(node));
      if (views.values().stream().distinct().count() == 1 && !views.containsValue(null)) return Optional.empty();
      Thread.sleep(POLL_MILLIS);
    } while (System.nanoTime() < deadline);
    return Optional.of(difference(views));
  }

  /** The service IDs of the workload's registrations the node serves, or null if it cannot be read. */
  Set<String> registrations(String node) throws InterruptedException {
    Set<String> view = view(node);
    if (view == null) return null;
    Set<String> ids = new TreeSet<>();
    for (String line : view) if (line.startsWith("svc ")) ids.add(line.substring(4, line.indexOf(' ', 4)));
    return ids;
  }

  /** One line per KV entry and per registration, sorted; null if the node did not answer both reads. */
  private Set<String> view(String node) throws InterruptedException {
    try {
      Set<String> lines = new TreeSet<>();
      ConsulHttp.Reply kv = http.get(node, "/v1/kv/chaos/?recurse&stale");
      if (kv.ok()) {
        for (Object o : new JsonArray(kv.body())) {
          JsonObject e = (JsonObject) o;
          String value = e.getString("Value") == null ? ""
              : new String(Base64.getDecoder().decode(e.getString("Value")), StandardCharsets.UTF_8);
          lines.add("kv " + e.getString("Key") + " = " + value + " @" + e.getLong("ModifyIndex")
              + (e.getString("Session") == null ? "" : " held by " + e.getString("Session")));
        }
      } else if (kv.status() != 404) {
        return null;
      }
      ConsulHttp.Reply services = http.get(node, "/v1/catalog/service/" + RegisterClient.SERVICE + "?stale");
      if (!services.ok()) return null;
      for (Object o : new JsonArray(services.body())) {
        JsonObject s = (JsonObject) o;
        lines.add("svc " + s.getString("ServiceID") + " @" + s.getLong("ModifyIndex"));
      }
      return lines;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** For each node, the lines it lacks or alone has compared with the first node that answered. */
  private static String difference(Map<String, Set<String>> views) {
    List<String> out = new ArrayList<>();
    Set<String> base = null;
    String baseNode = null;
    for (Map.Entry<String, Set<String>> e : views.entrySet()) {
      if (e.getValue() == null) {
        out.add(e.getKey() + " could not be read");
      } else if (base == null) {
        base = e.getValue();
        baseNode = e.getKey();
      } else if (!Objects.equals(base, e.getValue())) {
        out.add(e.getKey() + " vs " + baseNode + ": lacks " + sample(minus(base, e.getValue())) + "; has only "
            + sample(minus(e.getValue(), base)));
      }
    }
    return String.join("\n      ", out);
  }

  private static Set<String> minus(Set<String> a, Set<String> b) {
    Set<String> out = new TreeSet<>(a);
    out.removeAll(b);
    return out;
  }

  private static String sample(Set<String> lines) {
    if (lines.isEmpty()) return "nothing";
    List<String> shown = lines.stream().limit(SHOWN).toList();
    return lines.size() + " [" + String.join(", ", shown) + (lines.size() > SHOWN ? ", ..." : "") + "]";
  }
}
