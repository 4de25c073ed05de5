package io.consulate.cluster;

import io.vertx.core.json.JsonObject;

/**
 * One agent as the cluster knows it, in Consul's member terms. {@code status} is Consul's serf status code:
 * 1 alive, 3 left, 4 failed. Stored in the membership cache as JSON (fields only ever added).
 */
public record Member(String name, String nodeId, String address, int port, String serverAddress, String datacenter,
    int status, long since) {
  public static final int ALIVE = 1;
  public static final int LEFT = 3;
  public static final int FAILED = 4;

  public Member withStatus(int newStatus, long at) {
    return new Member(name, nodeId, address, port, serverAddress, datacenter, newStatus, at);
  }

  String encode() {
    return new JsonObject().put("name", name).put("id", nodeId).put("addr", address).put("port", port)
        .put("server", serverAddress).put("dc", datacenter).put("status", status).put("since", since).encode();
  }

  static Member decode(String json) {
    JsonObject j = new JsonObject(json);
    return new Member(j.getString("name"), j.getString("id"), j.getString("addr"), j.getInteger("port"),
        j.getString("server"), j.getString("dc"), j.getInteger("status"), j.getLong("since"));
  }
}
