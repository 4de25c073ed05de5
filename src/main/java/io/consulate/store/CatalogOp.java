package io.consulate.store;

import io.consulate.catalog.CatalogReads;
import io.consulate.catalog.CatalogWrites;
import io.consulate.catalog.ChangeSet;
import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.HealthStatus;
import io.consulate.catalog.Node;
import io.consulate.catalog.ServiceInstance;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One step of a catalog write, naming a rule of {@link CatalogWrites} and its arguments. Replicated as JSON
 * under {@code op}; op names are only ever added.
 */
public sealed interface CatalogOp {
  void apply(ChangeSet.Builder b, CatalogReads snap);

  JsonObject toJson();

  record RegisterNode(Node node) implements CatalogOp {
    public void apply(ChangeSet.Builder b, CatalogReads snap) {
      CatalogWrites.registerNode(b, snap, node);
    }

    public JsonObject toJson() {
      return new JsonObject().put("op", "node").put("node", EntryCodec.toJson(node));
    }
  }

  record RegisterService(ServiceInstance service, List<HealthCheck> checks, boolean replaceChecks) implements CatalogOp {
    public void apply(ChangeSet.Builder b, CatalogReads snap) {
      CatalogWrites.registerService(b, snap, service, checks, replaceChecks);
    }

    public JsonObject toJson() {
      return new JsonObject().put("op", "service").put("service", EntryCodec.toJson(service))
          .put("checks", checksJson(checks)).put("replace", replaceChecks);
    }
  }

  record RegisterCheck(HealthCheck check) implements CatalogOp {
    public void apply(ChangeSet.Builder b, CatalogReads snap) {
      CatalogWrites.registerCheck(b, snap, check);
    }

    public JsonObject toJson() {
      return new JsonObject().put("op", "check").put("check", EntryCodec.toJson(check));
    }
  }

  /** A check result: status and output of a check that exists; one deregistered meanwhile is left alone. */
  record UpdateCheck(String node, String checkId, HealthStatus status, String output) implements CatalogOp {
    public void apply(ChangeSet.Builder b, CatalogReads snap) {
      CatalogWrites.updateCheck(b, snap, node, checkId, status, output);
    }

    public JsonObject toJson() {
      return new JsonObject().put("op", "status").put("node", node).put("id", checkId).put("status", status.wire())
          .put("output", output);
    }
  }

  /** The service, the check, or with neither given the whole node ({@code /v1/catalog/deregister}). */
  record Deregister(String node, String serviceId, String checkId) implements CatalogOp {
    public static Deregister node(String node) {
      return new Deregister(node, "", "");
    }

    public void apply(ChangeSet.Builder b, CatalogReads snap) {
      CatalogWrites.catalogDeregister(b, snap, node, serviceId, checkId);
    }

    public JsonObject toJson() {
      return new JsonObject().put("op", "deregister").put("node", node).put("service", serviceId).put("check", checkId);
    }
  }

  /** {@code /v1/catalog/register}: see {@link CatalogWrites#catalogRegister}; {@code service} may be null. */
  record Register(Node node, boolean skipNodeUpdate, ServiceInstance service, List<HealthCheck> checks)
      implements CatalogOp {
    public void apply(ChangeSet.Builder b, CatalogReads snap) {
      CatalogWrites.catalogRegister(b, snap, node, skipNodeUpdate, service, checks);
    }

    public JsonObject toJson() {
      return new JsonObject().put("op", "register").put("node", EntryCodec.toJson(node)).put("skip", skipNodeUpdate)
          .put("service", service == null ? null : EntryCodec.toJson(service)).put("checks", checksJson(checks));
    }
  }

  static CatalogOp fromJson(JsonObject j) {
    switch (j.getString("op")) {
      case "node": return new RegisterNode(EntryCodec.decodeNode(j.getJsonObject("node")));
      case "service": return new RegisterService(EntryCodec.decodeService(j.getJsonObject("service")),
          checks(j.getJsonArray("checks")), j.getBoolean("replace"));
      case "check": return new RegisterCheck(EntryCodec.decodeCheck(j.getJsonObject("check")));
      case "status": return new UpdateCheck(j.getString("node"), j.getString("id"), HealthStatus.of(j.getString("status")),
          j.getString("output"));
      case "deregister": return new Deregister(j.getString("node"), j.getString("service"), j.getString("check"));
      case "register": {
        JsonObject service = j.getJsonObject("service");
        return new Register(EntryCodec.decodeNode(j.getJsonObject("node")), j.getBoolean("skip"),
            service == null ? null : EntryCodec.decodeService(service), checks(j.getJsonArray("checks")));
      }
      default: throw new IllegalArgumentException("unknown catalog op \"" + j.getString("op") + "\"");
    }
  }

  private static JsonArray checksJson(List<HealthCheck> checks) {
    JsonArray a = new JsonArray();
    for (HealthCheck c : checks) a.add(EntryCodec.toJson(c));
    return a;
  }

  private static List<HealthCheck> checks(JsonArray a) {
    List<HealthCheck> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) out.add(EntryCodec.decodeCheck(a.getJsonObject(i)));
    return out;
  }
}
