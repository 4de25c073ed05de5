package io.consulate.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code consulate catalog nodes}: Consul's node table ({@code Node ID Address DC}, and {@code TaggedAddresses Meta}
 * with {@code -detailed}), of every node or of those providing {@code -service}. {@code -near} is passed on; with no
 * network coordinates the agent leaves the order as it is, as Consul does for nodes without coordinates.
 */
@Command(name = "nodes", description = "Lists all nodes in the given datacenter.", mixinStandardHelpOptions = true)
final class CatalogNodesCommand extends HttpCommand implements Callable<Integer> {
  @Option(names = "-detailed", description = "Show full node IDs, tagged addresses and metadata.")
  boolean detailed;
  @Option(names = "-filter", paramLabel = "EXPR", description = "Filter expression ('@file' or '-' for stdin).")
  String filter;
  @Option(names = "-near", paramLabel = "NODE",
      description = "Sort by estimated round-trip time from NODE ('_agent': this agent).")
  String near;
  @Option(names = "-node-meta", paramLabel = "KEY=VALUE", description = "Only nodes with this metadata; repeatable.")
  Map<String, String> nodeMeta = new LinkedHashMap<>();
  @Option(names = "-service", paramLabel = "NAME", description = "Only nodes providing this service.")
  String service;
  @Parameters(arity = "0..*", hidden = true)
  List<String> extra = List.of();

  @Override
  public Integer call() throws Exception {
    if (!extra.isEmpty()) return fail("Too many arguments (expected 0, got " + extra.size() + ")");
    StringBuilder query = new StringBuilder();
    if (filter != null) {
      try {
        query.append("&filter=").append(encode(DataSource.read(filter)));
      } catch (IOException e) {
        return fail("Could not process filter argument: " + e.getMessage());
      }
    }
    if (near != null) query.append("&near=").append(encode(near));
    query.append(CatalogCommand.nodeMeta(nodeMeta));
    JsonArray nodes;
    try {
      String path = service != null ? "/v1/catalog/service/" + encode(service) : "/v1/catalog/nodes";
      nodes = new JsonArray(send("GET", CatalogCommand.withQuery(path, query)));
    } catch (IOException e) {
      return fail((service != null ? "Error listing nodes for service: " : "Error listing nodes: ") + e.getMessage());
    }
    if (nodes.isEmpty()) {
      System.err.println("No nodes match the given query - try expanding your search.");
      return 0;
    }
    Columns table = new Columns(2);
    if (detailed) table.row("Node", "ID", "Address", "DC", "TaggedAddresses", "Meta");
    else table.row("Node", "ID", "Address", "DC");
    for (Object o : nodes) {
      JsonObject n = (JsonObject) o;
      // A service's entries carry their node's meta as NodeMeta.
      JsonObject meta = n.getJsonObject(service != null ? "NodeMeta" : "Meta", new JsonObject());
      String id = n.getString("ID", "");
      if (detailed) {
        table.row(n.getString("Node"), id, n.getString("Address"), n.getString("Datacenter"),
            pairs(n.getJsonObject("TaggedAddresses", new JsonObject())), pairs(meta));
      } else {
        table.row(n.getString("Node"), id.indexOf('-') > 0 ? id.substring(0, id.indexOf('-')) : id,
            n.getString("Address"), n.getString("Datacenter"));
      }
    }
    System.out.print(table.format());
    return 0;
  }

  /** Consul's {@code mapToKV}: key=value pairs sorted by key, joined by ", ". */
  private static String pairs(JsonObject m) {
    return new TreeMap<>(m.getMap()).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
