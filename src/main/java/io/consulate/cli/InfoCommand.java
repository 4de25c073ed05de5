package io.consulate.cli;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code consulate info}: Consul's operator summary, sections of sorted {@code key = value} lines. Consul prints
 * the {@code Stats} of {@code /v1/agent/self}; the agent's {@code Stats} are printed as given, and the sections
 * Consul also shows ({@code agent}, {@code build}, {@code consul}, {@code serf_lan}) are filled in from what the
 * agent's API reports: its registrations, {@code Config}, the leader, the members. No {@code runtime} or {@code raft}
 * section: this command's process is not the agent's, and Raft's internals are not in the API.
 */
@Command(name = "info", description = "Provides debugging information for operators.", mixinStandardHelpOptions = true)
public final class InfoCommand extends HttpCommand implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    Map<String, Map<String, String>> sections = new TreeMap<>();
    try {
      JsonObject self = new JsonObject(send("GET", "/v1/agent/self"));
      JsonObject config = self.getJsonObject("Config", new JsonObject());
      agent(section(sections, "agent"));
      section(sections, "build").putAll(Map.of("prerelease", "", "revision", config.getString("Revision", ""),
          "version", config.getString("Version", "")));
      consul(section(sections, "consul"), config.getBoolean("Server", false),
          self.getJsonObject("Member", new JsonObject()));
      serfLan(section(sections, "serf_lan"));
      JsonObject stats = self.getJsonObject("Stats", new JsonObject());
      for (String name : stats.fieldNames()) {
        stats.getJsonObject(name).forEach(e -> section(sections, name).put(e.getKey(), String.valueOf(e.getValue())));
      }
    } catch (IOException e) {
      return fail("Error querying agent: " + e.getMessage());
    }
    sections.forEach((name, values) -> {
      System.out.println(name + ":");
      values.forEach((k, v) -> System.out.println("\t" + k + " = " + v));
    });
    return 0;
  }

  private static Map<String, String> section(Map<String, Map<String, String>> sections, String name) {
    return sections.computeIfAbsent(name, n -> new TreeMap<>());
  }

  /** Consul's agent section: this agent's registrations, TTL and script checks among its checks. */
  private void agent(Map<String, String> out) throws IOException, InterruptedException {
    JsonObject checks = new JsonObject(send("GET", "/v1/agent/checks"));
    int ttl = 0;
    int script = 0;
    for (String id : checks.fieldNames()) {
      String type = checks.getJsonObject(id).getString("Type", "");
      if (type.equals("ttl")) ttl++;
      if (type.equals("script")) script++;
    }
    out.put("check_monitors", Integer.toString(script));
    out.put("check_ttls", Integer.toString(ttl));
    out.put("checks", Integer.toString(checks.size()));
    out.put("services", Integer.toString(new JsonObject(send("GET", "/v1/agent/services")).size()));
  }

  /** A server's view of the leader (is it this one?); a client's count of the servers it knows. */
  private void consul(Map<String, String> out, boolean server, JsonObject member)
      throws IOException, InterruptedException {
    out.put("server", Boolean.toString(server));
    if (!server) {
      out.put("known_servers", Integer.toString(new JsonArray(send("GET", "/v1/status/peers")).size()));
      return;
    }
    String leader = String.valueOf(Json.decodeValue(send("GET", "/v1/status/leader")));
    String port = member.getJsonObject("Tags", new JsonObject()).getString("port", "");
    String own = member.getString("Addr", "") + ":" + port;
    out.put("leader", Boolean.toString(leader.equals(own)));
    out.put("leader_addr", leader);
    out.put("known_datacenters", Integer.toString(new JsonArray(send("GET", "/v1/catalog/datacenters")).size()));
  }

  /** Serf's member counts, from the member list (status 3 is left, 4 failed). */
  private void serfLan(Map<String, String> out) throws IOException, InterruptedException {
    JsonArray members = new JsonArray(send("GET", "/v1/agent/members"));
    int left = 0;
    int failed = 0;
    for (Object o : members) {
      int status = ((JsonObject) o).getInteger("Status", 0);
      if (status == 3) left++;
      if (status == 4) failed++;
    }
    out.put("failed", Integer.toString(failed));
    out.put("left", Integer.toString(left));
    out.put("members", Integer.toString(members.size()));
  }
}
