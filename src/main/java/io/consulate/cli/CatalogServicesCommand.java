package io.consulate.cli;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code consulate catalog services}: the registered service names, sorted, one per line (Consul's output). */
@Command(name = "services", description = "Lists all registered services in a datacenter.",
    mixinStandardHelpOptions = true)
final class CatalogServicesCommand extends HttpCommand implements Callable<Integer> {
  @Option(names = "-node", paramLabel = "NAME", description = "Node name for which to list services.")
  String node;
  @Option(names = "-node-meta", paramLabel = "KEY=VALUE",
      description = "Only services on nodes with this metadata; repeatable.")
  Map<String, String> nodeMeta = new LinkedHashMap<>();
  @Option(names = "-tags", description = "Display each service's tags as a comma-separated list beside it.")
  boolean tags;
  @Parameters(arity = "0..*", hidden = true)
  List<String> extra = List.of();

  @Override
  public Integer call() throws Exception {
    if (!extra.isEmpty()) return fail("Too many arguments (expected 0, got " + extra.size() + ")");
    Map<String, TreeSet<String>> services = new TreeMap<>();
    try {
      if (node != null) {
        String path = "/v1/catalog/node/" + encode(node);
        String body = send("GET", CatalogCommand.withQuery(path, CatalogCommand.nodeMeta(nodeMeta)));
        // An unknown node is a JSON null: no services.
        Object decoded = body.isBlank() ? null : Json.decodeValue(body);
        JsonObject found = decoded instanceof JsonObject o ? o : new JsonObject();
        JsonObject onNode = found.getJsonObject("Services", new JsonObject());
        for (String id : onNode.fieldNames()) {
          JsonObject s = onNode.getJsonObject(id);
          services.computeIfAbsent(s.getString("Service"), n -> new TreeSet<>())
              .addAll(strings(s.getJsonArray("Tags")));
        }
      } else {
        String path = CatalogCommand.withQuery("/v1/catalog/services", CatalogCommand.nodeMeta(nodeMeta));
        JsonObject all = new JsonObject(send("GET", path));
        for (String name : all.fieldNames()) services.put(name, new TreeSet<>(strings(all.getJsonArray(name))));
      }
    } catch (IOException e) {
      return fail("Error listing services" + (node != null ? " for node" : "") + ": " + e.getMessage());
    }
    if (services.isEmpty()) {
      System.err.println("No services match the given query - try expanding your search.");
      return 0;
    }
    if (!tags) {
      services.keySet().forEach(System.out::println);
      return 0;
    }
    Columns table = new Columns(6);
    services.forEach((name, t) -> table.row(name, String.join(",", t)));
    System.out.println(table.format().strip());
    return 0;
  }

  private static List<String> strings(JsonArray a) {
    List<String> out = new ArrayList<>();
    if (a != null) for (Object o : a) out.add(String.valueOf(o));
    return out;
  }
}
