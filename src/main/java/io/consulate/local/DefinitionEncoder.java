package io.consulate.local;

import io.consulate.catalog.CheckDefinition;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;

/**
 * Writes definitions back in Consul's PascalCase registration format, which {@link DefinitionDecoder}
 * reads: used to persist API registrations in the data dir.
 */
public final class DefinitionEncoder {
  private DefinitionEncoder() {}

  public static JsonObject service(ServiceDefinition d) {
    JsonArray checks = new JsonArray();
    for (CheckSpec c : d.checks()) checks.add(check(c));
    return new JsonObject().put("ID", d.id()).put("Name", d.name()).put("Tags", new JsonArray(new ArrayList<>(d.tags())))
        .put("Address", d.address()).put("Port", d.port()).put("Meta", new JsonObject(new LinkedHashMap<>(d.meta())))
        .put("Weights", new JsonObject().put("Passing", d.weights().passing()).put("Warning", d.weights().warning()))
        .put("EnableTagOverride", d.enableTagOverride()).put("Checks", checks);
  }

  static JsonObject check(CheckSpec c) {
    CheckDefinition d = c.definition();
    JsonObject header = new JsonObject();
    d.header().forEach((k, v) -> header.put(k, new JsonArray(new ArrayList<>(v))));
    JsonObject j = new JsonObject().put("ID", c.id()).put("Name", c.name()).put("Notes", c.notes())
        .put("Status", c.status().wire()).put("ServiceID", c.serviceId());
    putIfSet(j, "HTTP", d.http());
    putIfSet(j, "Method", d.method());
    if (!d.header().isEmpty()) j.put("Header", header);
    putIfSet(j, "Body", d.body());
    if (d.tlsSkipVerify()) j.put("TLSSkipVerify", true);
    putIfSet(j, "TCP", d.tcp());
    putIfSet(j, "UDP", d.udp());
    putIfSet(j, "GRPC", d.grpc());
    if (d.grpcUseTls()) j.put("GRPCUseTLS", true);
    if (!d.args().isEmpty()) j.put("Args", new JsonArray(new ArrayList<>(d.args())));
    putIfSet(j, "TTL", d.ttl());
    putIfSet(j, "AliasNode", d.aliasNode());
    putIfSet(j, "AliasService", d.aliasService());
    putIfSet(j, "Interval", d.interval());
    putIfSet(j, "Timeout", d.timeout());
    putIfSet(j, "DeregisterCriticalServiceAfter", d.deregisterCriticalServiceAfter());
    if (d.successBeforePassing() > 0) j.put("SuccessBeforePassing", d.successBeforePassing());
    if (d.failuresBeforeWarning() > 0) j.put("FailuresBeforeWarning", d.failuresBeforeWarning());
    if (d.failuresBeforeCritical() > 0) j.put("FailuresBeforeCritical", d.failuresBeforeCritical());
    return j;
  }

  private static void putIfSet(JsonObject j, String key, String value) {
    if (!value.isEmpty()) j.put(key, value);
  }
}
