package io.consulate.http;

import io.consulate.local.ServiceDefinition;
import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.Node;
import io.consulate.catalog.ServiceHealth;
import io.consulate.catalog.ServiceInstance;
import io.consulate.catalog.Weights;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Consul's response shapes, with its field names, field order and empty values ({@code []} for lists,
 * {@code {}} for meta), as /work/notes research of agent/structs documents them.
 */
public final class ConsulJson {
  private ConsulJson() {}

  /** {@code structs.Node}. */
  public static JsonObject node(Node n) {
    return new JsonObject().put("ID", n.id()).put("Node", n.name()).put("Address", n.address())
        .put("Datacenter", n.datacenter()).put("TaggedAddresses", map(n.taggedAddresses())).put("Meta", map(n.meta()))
        .put("CreateIndex", n.createIndex()).put("ModifyIndex", n.modifyIndex());
  }

  /** {@code structs.ServiceNode}: the flat shape of {@code /v1/catalog/service/:name}. */
  static JsonObject serviceNode(Node n, ServiceInstance s) {
    return new JsonObject().put("ID", n.id()).put("Node", n.name()).put("Address", n.address())
        .put("Datacenter", n.datacenter()).put("TaggedAddresses", map(n.taggedAddresses()))
        .put("NodeMeta", map(n.meta())).put("ServiceKind", "").put("ServiceID", s.id()).put("ServiceName", s.name())
        .put("ServiceTags", list(s.tags())).put("ServiceAddress", s.address())
        .put("ServiceWeights", weights(s.weights())).put("ServiceMeta", map(s.meta())).put("ServicePort", s.port())
        .put("ServiceSocketPath", "").put("ServiceEnableTagOverride", s.enableTagOverride())
        .put("ServiceProxy", proxy()).put("ServiceConnect", new JsonObject())
        .put("CreateIndex", s.createIndex()).put("ModifyIndex", s.modifyIndex());
  }

  /** {@code structs.NodeService}: the {@code Service} of health results and catalog node services. */
  public static JsonObject nodeService(ServiceInstance s) {
    JsonObject j = new JsonObject().put("ID", s.id()).put("Service", s.name()).put("Tags", list(s.tags()))
        .put("Address", s.address()).put("Meta", map(s.meta()));
    if (s.port() != 0) j.put("Port", s.port());
    return j.put("Weights", weights(s.weights())).put("EnableTagOverride", s.enableTagOverride())
        .put("Proxy", proxy()).put("Connect", new JsonObject()).put("PeerName", "")
        .put("CreateIndex", s.createIndex()).put("ModifyIndex", s.modifyIndex());
  }

  /** {@code structs.CheckServiceNode}. */
  static JsonObject serviceHealth(ServiceHealth h) {
    JsonArray checks = new JsonArray();
    for (HealthCheck c : h.checks()) checks.add(check(c));
    return new JsonObject().put("Node", node(h.node())).put("Service", nodeService(h.service())).put("Checks", checks);
  }

  /** {@code structs.HealthCheck}. */
  public static JsonObject check(HealthCheck c) {
    var d = c.definition();
    JsonObject def = new JsonObject();
    putIfSet(def, "Interval", d.interval());
    putIfSet(def, "Timeout", d.timeout());
    putIfSet(def, "DeregisterCriticalServiceAfter", d.deregisterCriticalServiceAfter());
    putIfSet(def, "HTTP", d.http());
    if (d.tlsSkipVerify()) def.put("TLSSkipVerify", true);
    if (!d.header().isEmpty()) {
      JsonObject h = new JsonObject();
      new TreeMap<>(d.header()).forEach((k, v) -> h.put(k, list(v)));
      def.put("Header", h);
    }
    putIfSet(def, "Method", d.method());
    putIfSet(def, "Body", d.body());
    putIfSet(def, "TCP", d.tcp());
    putIfSet(def, "UDP", d.udp());
    if (!d.args().isEmpty()) def.put("ScriptArgs", list(d.args()));
    putIfSet(def, "GRPC", d.grpc());
    if (d.grpcUseTls()) def.put("GRPCUseTLS", true);
    putIfSet(def, "AliasNode", d.aliasNode());
    putIfSet(def, "AliasService", d.aliasService());
    putIfSet(def, "TTL", d.ttl());
    return new JsonObject().put("Node", c.node()).put("CheckID", c.checkId()).put("Name", c.name())
        .put("Status", c.status().wire()).put("Notes", c.notes()).put("Output", c.output())
        .put("ServiceID", c.serviceId()).put("ServiceName", c.serviceName()).put("ServiceTags", list(c.serviceTags()))
        .put("Type", c.type()).put("Interval", d.interval()).put("Timeout", d.timeout()).put("ExposedPort", 0)
        .put("Definition", def).put("CreateIndex", c.createIndex()).put("ModifyIndex", c.modifyIndex());
  }

  /** {@code api.AgentService}, as {@code /v1/agent/services} lists the agent's own registrations. */
  static JsonObject agentService(ServiceDefinition d, String datacenter) {
    return new JsonObject().put("ID", d.id()).put("Service", d.name()).put("Tags", list(d.tags()))
        .put("Meta", map(d.meta())).put("Port", d.port()).put("Address", d.address())
        .put("Weights", weights(d.weights())).put("EnableTagOverride", d.enableTagOverride())
        .put("Datacenter", datacenter);
  }

  static JsonObject weights(Weights w) {
    return new JsonObject().put("Passing", w.passing()).put("Warning", w.warning());
  }

  public static JsonArray list(java.util.List<String> values) {
    return new JsonArray(new ArrayList<>(values));
  }

  /** Go encodes maps with sorted keys; so do we. */
  public static JsonObject map(Map<String, String> m) {
    return new JsonObject(new LinkedHashMap<>(new TreeMap<>(m)));
  }

  private static JsonObject proxy() {
    return new JsonObject().put("Mode", "").put("MeshGateway", new JsonObject()).put("Expose", new JsonObject());
  }

  private static void putIfSet(JsonObject j, String key, String value) {
    if (!value.isEmpty()) j.put(key, value);
  }
}
