package io.consulate.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Consul's token formatter (command/acl/token/formatter.go): one token, or a list separated by blank lines. */
final class TokenFormatter {
  private TokenFormatter() {}

  static String token(String format, JsonObject token) {
    if (format.equals("json")) return GoJson.indent(token);
    StringBuilder out = new StringBuilder();
    out.append("AccessorID:       ").append(token.getString("AccessorID", "")).append('\n');
    out.append("SecretID:         ").append(token.getString("SecretID", "")).append('\n');
    out.append("Description:      ").append(token.getString("Description", "")).append('\n');
    out.append("Local:            ").append(token.getBoolean("Local", false)).append('\n');
    String method = token.getString("AuthMethod", "");
    if (!method.isEmpty()) out.append("Auth Method:      ").append(method).append(" (Namespace: )\n");
    out.append("Create Time:      ").append(AclFormat.goTime(token.getString("CreateTime"))).append('\n');
    String expires = token.getString("ExpirationTime", "");
    if (!expires.isEmpty()) out.append("Expiration Time:  ").append(AclFormat.goTime(expires)).append('\n');
    AclFormat.links(out, "", "Policies", token.getJsonArray("Policies"));
    AclFormat.links(out, "", "Roles", token.getJsonArray("Roles"));
    AclFormat.identities(out, "", token);
    return out.toString();
  }

  static String list(String format, JsonArray tokens) {
    if (format.equals("json")) return GoJson.indent(tokens);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < tokens.size(); i++) {
      if (i > 0) out.append('\n');
      out.append(token(format, tokens.getJsonObject(i)));
    }
    return out.toString();
  }
}
