package io.consulate.store;

import io.vertx.core.json.JsonObject;
import java.util.Base64;

/**
 * A user event ({@code PUT /v1/event/fire/:name}), as Consul's {@code agent.UserEvent}: an id, a name, an optional
 * payload and regex filters on the node, its services and their tags. It travels through the log, so every agent
 * of the datacenter (servers apply it, clients mirror it) receives it in the same order; {@code ltime} is the log
 * position it was applied at, the Lamport time Consul's serf gives it.
 */
public record UserEvent(String id, String name, byte[] payload, String nodeFilter, String serviceFilter,
    String tagFilter, int version, long ltime) {
  /** Consul's {@code userEventMaxVersion}. */
  public static final int VERSION = 1;

  public UserEvent withLTime(long at) {
    return new UserEvent(id, name, payload, nodeFilter, serviceFilter, tagFilter, version, at);
  }

  JsonObject toJson() {
    JsonObject j = new JsonObject().put("id", id).put("n", name).put("nf", nodeFilter).put("sf", serviceFilter)
        .put("tf", tagFilter).put("v", version);
    return payload == null ? j : j.put("p", Base64.getEncoder().encodeToString(payload));
  }

  static UserEvent fromJson(JsonObject j) {
    String p = j.getString("p");
    return new UserEvent(j.getString("id"), j.getString("n"), p == null ? null : Base64.getDecoder().decode(p),
        j.getString("nf", ""), j.getString("sf", ""), j.getString("tf", ""), j.getInteger("v", VERSION), 0);
  }
}
