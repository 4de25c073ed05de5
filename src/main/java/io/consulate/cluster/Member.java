package io.consulate.cluster;

import io.vertx.core.json.JsonObject;

/**
 * One agent as the cluster knows it, in Consul's member terms. {@code status} is Consul's serf status code:
 * 1 alive, 2 leaving, 3 left, 4 failed. A server is in the LAN view and the Raft group; a client is in neither: the
 * server holding its link writes its record, and {@code link} names that link (empty for a server), so a
 * server that lost a link only fails the member if no other link replaced it. {@code protocol} is the newest
 * format version the agent writes (its {@code -protocol}, Consul's {@code vsn} tag). Stored in the membership
 * cache as JSON (fields only ever added; a record without a role is a server's, from before clients existed, and
 * one without {@code vsn} comes from 0.1.0, which speaks protocol 2). {@code wanPort} is a server's serf WAN port,
 * where the other servers of its datacenter join it into the WAN pool (0: unknown, or not a server).
 */
public record Member(String name, String nodeId, String address, int port, String serverAddress, String datacenter,
    int status, long since, boolean server, String link, int protocol, int wanPort) {
  public static final int ALIVE = 1;
  public static final int LEAVING = 2;
  public static final int LEFT = 3;
  public static final int FAILED = 4;
  /** What a record that names no protocol speaks: Consulate 0.1.0 wrote none. */
  static final int UNNAMED_PROTOCOL = 2;

  public Member withStatus(int newStatus, long at) {
    return new Member(name, nodeId, address, port, serverAddress, datacenter, newStatus, at, server, link, protocol, wanPort);
  }

  public Member withLink(String newLink) {
    return new Member(name, nodeId, address, port, serverAddress, datacenter, status, since, server, newLink, protocol, wanPort);
  }

  /** The port of a server's RPC address (Consul's {@code port} tag and its consul service). */
  public int serverPort() {
    return Integer.parseInt(serverAddress.substring(serverAddress.lastIndexOf(':') + 1));
  }

  /** Consul's {@code Type} column of {@code members}. */
  public String type() {
    return server ? "server" : "client";
  }

  public String encode() {
    return new JsonObject().put("name", name).put("id", nodeId).put("addr", address).put("port", port)
        .put("server", serverAddress).put("dc", datacenter).put("status", status).put("since", since)
        .put("role", type()).put("link", link).put("vsn", protocol).put("wan", wanPort).encode();
  }

  public static Member decode(String json) {
    JsonObject j = new JsonObject(json);
    return new Member(j.getString("name"), j.getString("id"), j.getString("addr"), j.getInteger("port"),
        j.getString("server", ""), j.getString("dc"), j.getInteger("status"), j.getLong("since"),
        !"client".equals(j.getString("role")), j.getString("link", ""), j.getInteger("vsn", UNNAMED_PROTOCOL),
        j.getInteger("wan", 0));
  }
}
