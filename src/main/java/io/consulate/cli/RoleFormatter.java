package io.consulate.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Consul's role formatter (command/acl/role/formatter.go): list entries are the role's lines under "Name:". */
final class RoleFormatter {
  private RoleFormatter() {}

  static String role(String format, JsonObject role) {
    if (format.equals("json")) return GoJson.indent(role);
    StringBuilder out = new StringBuilder();
    out.append("ID:           ").append(role.getString("ID", "")).append('\n');
    out.append("Name:         ").append(role.getString("Name", "")).append('\n');
    out.append("Description:  ").append(role.getString("Description", "")).append('\n');
    body(out, "", role);
    return out.toString();
  }

  static String list(String format, JsonArray roles) {
    if (format.equals("json")) return GoJson.indent(roles);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < roles.size(); i++) {
      JsonObject r = roles.getJsonObject(i);
      out.append(r.getString("Name", "")).append(":\n");
      out.append("   ID:           ").append(r.getString("ID", "")).append('\n');
      out.append("   Description:  ").append(r.getString("Description", "")).append('\n');
      body(out, "   ", r);
    }
    return out.toString();
  }

  private static void body(StringBuilder out, String pad, JsonObject role) {
    AclFormat.links(out, pad, "Policies", role.getJsonArray("Policies"));
    AclFormat.identities(out, pad, role);
  }
}
