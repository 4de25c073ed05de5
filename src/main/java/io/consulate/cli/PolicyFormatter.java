package io.consulate.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Consul's policy formatter (command/acl/policy/formatter.go). */
final class PolicyFormatter {
  private PolicyFormatter() {}

  static String policy(String format, JsonObject policy) {
    if (format.equals("json")) return GoJson.indent(policy);
    return "ID:           " + policy.getString("ID", "") + "\n"
        + "Name:         " + policy.getString("Name", "") + "\n"
        + "Description:  " + policy.getString("Description", "") + "\n"
        + "Datacenters:  " + AclFormat.join(policy.getJsonArray("Datacenters")) + "\n"
        + "Rules:\n" + policy.getString("Rules", "");
  }

  static String list(String format, JsonArray policies) {
    if (format.equals("json")) return GoJson.indent(policies);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < policies.size(); i++) {
      JsonObject p = policies.getJsonObject(i);
      out.append(p.getString("Name", "")).append(":\n")
          .append("   ID:           ").append(p.getString("ID", "")).append('\n')
          .append("   Description:  ").append(p.getString("Description", "")).append('\n')
          .append("   Datacenters:  ").append(AclFormat.join(p.getJsonArray("Datacenters"))).append('\n');
    }
    return out.toString();
  }
}
