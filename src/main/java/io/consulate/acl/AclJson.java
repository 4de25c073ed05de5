package io.consulate.acl;

import io.consulate.json.Fields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Tokens, policies and roles in Consul's JSON (agent/structs/acl.go field names), both ways: what the HTTP API
 * answers and reads, and the replicated form the store keeps (one codec, so a stored token is exactly what the API
 * shows of it). Reading is strict on types: a bad field is an error naming it.
 */
public final class AclJson {
  private AclJson() {}

  public static JsonObject token(AclToken t) {
    return omitEmpty(new JsonObject().put("AccessorID", t.accessorId()).put("SecretID", t.secretId())
        .put("Description", t.description()).put("Policies", links(t.policies())).put("Roles", links(t.roles()))
        .put("ServiceIdentities", serviceIdentities(t.serviceIdentities()))
        .put("NodeIdentities", nodeIdentities(t.nodeIdentities())).put("Local", t.local())
        .put("CreateTime", t.createTime()).put("Hash", t.hash()).put("CreateIndex", t.createIndex())
        .put("ModifyIndex", t.modifyIndex()));
  }

  public static JsonObject policy(AclPolicy p) {
    return new JsonObject().put("ID", p.id()).put("Name", p.name()).put("Description", p.description())
        .put("Rules", p.rules()).put("Datacenters", p.datacenters().isEmpty() ? null : new JsonArray(p.datacenters()))
        .put("Hash", p.hash()).put("CreateIndex", p.createIndex()).put("ModifyIndex", p.modifyIndex());
  }

  public static JsonObject role(AclRole r) {
    return omitEmpty(new JsonObject().put("ID", r.id()).put("Name", r.name()).put("Description", r.description())
        .put("Policies", links(r.policies())).put("ServiceIdentities", serviceIdentities(r.serviceIdentities()))
        .put("NodeIdentities", nodeIdentities(r.nodeIdentities())).put("Hash", r.hash())
        .put("CreateIndex", r.createIndex()).put("ModifyIndex", r.modifyIndex()));
  }

  /** Links and identities are {@code omitempty} in Consul's structs. */
  private static JsonObject omitEmpty(JsonObject j) {
    for (String k : List.of("Policies", "Roles", "ServiceIdentities", "NodeIdentities")) {
      if (j.containsKey(k) && j.getValue(k) == null) j.remove(k);
    }
    return j;
  }

  /** A token as a request gives it; IDs it lacks or leaves empty (Consul's Go client sends "") are the caller's. */
  public static AclToken token(Fields f, String accessorId, String secretId, String createTime) {
    return new AclToken(nonEmpty(f.string("", "AccessorID"), accessorId), nonEmpty(f.string("", "SecretID"), secretId),
        f.string("", "Description"), links(f, "Policies"), links(f, "Roles"), serviceIdentities(f),
        nodeIdentities(f), f.bool(false, "Local"), f.string(createTime, "CreateTime"), f.string("", "Hash"),
        f.longValue(0, "CreateIndex"), f.longValue(0, "ModifyIndex"));
  }

  public static AclPolicy policy(Fields f, String id) {
    return new AclPolicy(f.string(id, "ID"), f.string("", "Name"), f.string("", "Description"),
        f.string("", "Rules"), f.strings("Datacenters"), f.string("", "Hash"), f.longValue(0, "CreateIndex"),
        f.longValue(0, "ModifyIndex"));
  }

  public static AclRole role(Fields f, String id) {
    return new AclRole(f.string(id, "ID"), f.string("", "Name"), f.string("", "Description"), links(f, "Policies"),
        serviceIdentities(f), nodeIdentities(f), f.string("", "Hash"), f.longValue(0, "CreateIndex"),
        f.longValue(0, "ModifyIndex"));
  }

  private static String nonEmpty(String given, String otherwise) {
    return given.isEmpty() ? otherwise : given;
  }

  private static JsonArray links(List<AclLink> links) {
    if (links.isEmpty()) return null;
    JsonArray out = new JsonArray();
    for (AclLink l : links) out.add(new JsonObject().put("ID", l.id()).put("Name", l.name()));
    return out;
  }

  private static List<AclLink> links(Fields f, String field) {
    List<AclLink> out = new ArrayList<>();
    for (Fields l : f.objects(field)) out.add(new AclLink(l.string("", "ID"), l.string("", "Name")));
    return out;
  }

  private static JsonArray serviceIdentities(List<AclServiceIdentity> ids) {
    if (ids.isEmpty()) return null;
    JsonArray out = new JsonArray();
    for (AclServiceIdentity s : ids) {
      JsonObject j = new JsonObject().put("ServiceName", s.serviceName());
      if (!s.datacenters().isEmpty()) j.put("Datacenters", new JsonArray(s.datacenters()));
      out.add(j);
    }
    return out;
  }

  private static List<AclServiceIdentity> serviceIdentities(Fields f) {
    List<AclServiceIdentity> out = new ArrayList<>();
    for (Fields s : f.objects("ServiceIdentities")) {
      out.add(new AclServiceIdentity(s.string("", "ServiceName"), s.strings("Datacenters")));
    }
    return out;
  }

  private static JsonArray nodeIdentities(List<AclNodeIdentity> ids) {
    if (ids.isEmpty()) return null;
    JsonArray out = new JsonArray();
    for (AclNodeIdentity n : ids) out.add(new JsonObject().put("NodeName", n.nodeName()).put("Datacenter", n.datacenter()));
    return out;
  }

  private static List<AclNodeIdentity> nodeIdentities(Fields f) {
    List<AclNodeIdentity> out = new ArrayList<>();
    for (Fields n : f.objects("NodeIdentities")) {
      out.add(new AclNodeIdentity(n.string("", "NodeName"), n.string("", "Datacenter")));
    }
    return out;
  }
}
