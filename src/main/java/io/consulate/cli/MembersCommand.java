package io.consulate.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code consulate members}: the cluster members as a table, like {@code consul members}. */
@Command(name = "members", description = "List the members of the cluster.", mixinStandardHelpOptions = true)
public final class MembersCommand extends HttpCommand implements Callable<Integer> {
  private static final String[] STATUS = {"none", "alive", "leaving", "left", "failed"};

  @Option(names = "-wan", description = "List the WAN pool: the servers of every datacenter, as node.dc.")
  boolean wan;

  @Override
  public Integer call() throws Exception {
    String body = send("GET", "/v1/agent/members" + (wan ? "?wan=1" : "")).strip();
    // A client agent is in no WAN pool and answers null: Consul then prints nothing and exits 2.
    if (body.equals("null")) return 2;
    JsonArray members = new JsonArray(body);
    String format = "%-20s %-22s %-8s %-8s %-8s %s%n";
    System.out.printf(format, "Node", "Address", "Status", "Type", "Build", "DC");
    for (Object o : members) {
      JsonObject m = (JsonObject) o;
      JsonObject tags = m.getJsonObject("Tags", new JsonObject());
      int status = m.getInteger("Status", 0);
      System.out.printf(format, m.getString("Name"), m.getString("Addr") + ":" + m.getInteger("Port"),
          status >= 0 && status < STATUS.length ? STATUS[status] : "unknown",
          "consul".equals(tags.getString("role")) ? "server" : "client", tags.getString("build", ""),
          tags.getString("dc", ""));
    }
    return 0;
  }
}
