package io.consulate.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** What the token, policy and role formatters share: Go's time printing and the link and identity lines. */
final class AclFormat {
  private AclFormat() {}

  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** Go's {@code time.Time.String()}: "2023-10-31 10:11:12.1234 +0000 UTC", trailing zeros of the fraction dropped. */
  static String goTime(String rfc3339) {
    if (rfc3339 == null || rfc3339.isEmpty()) return "0001-01-01 00:00:00 +0000 UTC";
    OffsetDateTime t = OffsetDateTime.parse(rfc3339);
    StringBuilder out = new StringBuilder(SECONDS.format(t));
    if (t.getNano() != 0) out.append(String.format(".%09d", t.getNano()).replaceAll("0+$", ""));
    int offset = t.getOffset().getTotalSeconds() / 60;
    String zone = String.format("%s%02d%02d", offset < 0 ? "-" : "+", Math.abs(offset) / 60, Math.abs(offset) % 60);
    return out.append(' ').append(zone).append(' ').append(offset == 0 ? "UTC" : zone).toString();
  }

  /** "Policies:" then "   ID - Name" per link; nothing when there are none. {@code pad} indents list entries. */
  static void links(StringBuilder out, String pad, String title, JsonArray links) {
    if (links == null || links.isEmpty()) return;
    out.append(pad).append(title).append(":\n");
    for (int i = 0; i < links.size(); i++) {
      JsonObject l = links.getJsonObject(i);
      out.append(pad).append("   ").append(l.getString("ID", "")).append(" - ").append(l.getString("Name", "")).append('\n');
    }
  }

  /** Service and node identity lines, as the token and role formatters print them. */
  static void identities(StringBuilder out, String pad, JsonObject o) {
    JsonArray services = o.getJsonArray("ServiceIdentities");
    if (services != null && !services.isEmpty()) {
      out.append(pad).append("Service Identities:\n");
      for (int i = 0; i < services.size(); i++) {
        JsonObject s = services.getJsonObject(i);
        JsonArray dcs = s.getJsonArray("Datacenters");
        out.append(pad).append("   ").append(s.getString("ServiceName")).append(" (Datacenters: ")
            .append(dcs == null || dcs.isEmpty() ? "all" : join(dcs)).append(")\n");
      }
    }
    JsonArray nodes = o.getJsonArray("NodeIdentities");
    if (nodes != null && !nodes.isEmpty()) {
      out.append(pad).append("Node Identities:\n");
      for (int i = 0; i < nodes.size(); i++) {
        JsonObject n = nodes.getJsonObject(i);
        out.append(pad).append("   ").append(n.getString("NodeName")).append(" (Datacenter: ")
            .append(n.getString("Datacenter", "")).append(")\n");
      }
    }
  }

  static String join(JsonArray values) {
    List<String> parts = new ArrayList<>();
    if (values != null) for (Object v : values) parts.add(String.valueOf(v));
    return String.join(", ", parts);
  }
}
