package io.consulate.cli;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code consulate maint}: as {@code consul maint}, puts the node ({@code -enable}/{@code -disable}) or one service
 * ({@code -service ID}) in or out of maintenance; with neither flag, lists what is in maintenance, read from the
 * agent's {@code _node_maintenance} and {@code _service_maintenance:ID} checks.
 */
@Command(name = "maint", description = "Controls node or service maintenance mode.", mixinStandardHelpOptions = true)
public final class MaintCommand extends HttpCommand implements Callable<Integer> {
  @Option(names = "-enable", description = "Enable maintenance mode.")
  boolean enable;
  @Option(names = "-disable", description = "Disable maintenance mode.")
  boolean disable;
  @Option(names = "-reason", defaultValue = "", description = "Text describing the maintenance reason.")
  String reason;
  @Option(names = "-service", paramLabel = "ID", description = "Control maintenance mode for a specific service ID.")
  String serviceId;

  @Override
  public Integer call() throws Exception {
    if (enable && disable) return fail("Only one of -enable or -disable may be provided");
    if (!enable && !reason.isEmpty()) return fail("Reason may only be provided with -enable");
    if (!enable && !disable && serviceId != null) return fail("Service requires either -enable or -disable");
    String nodeName;
    try {
      nodeName = new JsonObject(send("GET", "/v1/agent/self")).getJsonObject("Config").getString("NodeName");
    } catch (IOException e) {
      return fail("Error querying Consul agent: " + e.getMessage());
    }
    if (!enable && !disable) return list(nodeName);
    String action = enable ? "enabling" : "disabling";
    String query = "?enable=" + enable + (enable ? "&reason=" + encode(reason) : "");
    String target = serviceId == null ? "node" : "service";
    try {
      send("PUT", serviceId == null ? "/v1/agent/maintenance" + query
          : "/v1/agent/service/maintenance/" + encode(serviceId) + query);
    } catch (IOException e) {
      return fail("Error " + action + " " + target + " maintenance: " + e.getMessage());
    }
    String state = enable ? "enabled" : "disabled";
    System.out.println(serviceId == null ? "Node maintenance is now " + state
        : "Service maintenance is now " + state + " for \"" + serviceId + "\"");
    return 0;
  }

  private int list(String nodeName) throws InterruptedException {
    JsonObject checks;
    try {
      checks = new JsonObject(send("GET", "/v1/agent/checks"));
    } catch (IOException e) {
      return fail("Error getting checks: " + e.getMessage());
    }
    for (String id : checks.fieldNames()) {
      JsonObject check = checks.getJsonObject(id);
      if (id.equals("_node_maintenance")) {
        System.out.println("Node:");
        System.out.println("  Name:   " + nodeName);
      } else if (id.startsWith("_service_maintenance:")) {
        System.out.println("Service:");
        System.out.println("  ID:     " + check.getString("ServiceID"));
      } else {
        continue;
      }
      System.out.println("  Reason: " + check.getString("Notes", ""));
      System.out.println();
    }
    return 0;
  }
}
