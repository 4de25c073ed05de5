package io.consulate.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A server's end of its clients' links (DESIGN.md: "the streams to clients"), on the bind address at the serf
 * LAN port + {@link JoinAddress#LINK_PORT_OFFSET}. Each link streams this server's state to one client and
 * carries the client's writes to the Raft group; the link being up is the client's liveness, so the client is
 * a member without joining the LAN view or the Raft group. Each second every link gets the leader and, when it
 * changed, the member list; a new leader is sent at once (checked every {@link #LEADER_CHECK_MILLIS} ms), so a
 * client does not name a dead leader for up to a second after its server knows the new one. With an
 * {@code encrypt} key the links are TLS, and only a client holding the key completes the handshake ({@link LinkTls}).
 */
public final class LinkServer implements AutoCloseable {
  /** Missing pings for this long (a client sends one each second) close the link. */
  static final int READ_IDLE_SECONDS = 5;
  static final int LEADER_CHECK_MILLIS = 100;
  private static final int CHECKS_PER_BROADCAST = 1000 / LEADER_CHECK_MILLIS;

  private final Vertx vertx;
  private final NetServer server;
  private final Set<LinkSession> sessions = ConcurrentHashMap.newKeySet();
  private final long statusTimer;
  private String sentLeader = "";
  private int checks;

  private LinkServer(Vertx vertx, NetServer server, Membership membership, Datacenters datacenters) {
    this.vertx = vertx;
    this.server = server;
    this.statusTimer = vertx.setPeriodic(LEADER_CHECK_MILLIS, id -> {
      String leader = membership.leader();
      if (++checks < CHECKS_PER_BROADCAST && leader.equals(sentLeader)) return;
      checks = 0;
      sentLeader = leader;
      broadcastStatus(membership, datacenters);
    });
  }

  /** Listens on {@code host:port}; fails with a one-line reason when the port is taken. */
  public static Future<LinkServer> start(Vertx vertx, String host, int port, String serverName, Membership membership,
      StreamSource source, Replicator writes, Datacenters datacenters, GossipKey key) {
    NetServerOptions options = new NetServerOptions().setHost(host).setPort(port).setTcpNoDelay(true)
        .setReadIdleTimeout(READ_IDLE_SECONDS).setIdleTimeoutUnit(TimeUnit.SECONDS);
    NetServer server = vertx.createNetServer(key.enabled() ? LinkTls.of(key).server(options) : options);
    // With a key, a failed handshake is a client without it (or with another one).
    if (key.enabled()) server.exceptionHandler(e -> Refusals.warn("refused a client link on " + host + ":" + port
        + ": " + Refusals.REASON + " (" + e.getClass().getSimpleName() + ")"));
    LinkServer[] self = new LinkServer[1];
    server.connectHandler(socket -> {
      LinkSession s = new LinkSession(vertx, socket, serverName, membership, source, writes, datacenters,
          statusOf(membership, datacenters));
      self[0].sessions.add(s);
      socket.closeHandler(v -> {
        self[0].sessions.remove(s);
        s.closed();
      });
    });
    return server.listen().map(bound -> self[0] = new LinkServer(vertx, server, membership, datacenters))
        .recover(e -> Future.failedFuture("cannot listen for client links on " + host + ":" + port + ": " + e.getMessage()));
  }

  private void broadcastStatus(Membership membership, Datacenters datacenters) {
    if (sessions.isEmpty()) return;
    vertx.executeBlocking(() -> statusOf(membership, datacenters), false).onSuccess(status -> {
      for (LinkSession s : sessions) s.status(status);
    });
  }

  /**
   * The leader as this server sees it, the member records, and the datacenters nearest first (a client answers
   * {@code /v1/catalog/datacenters} from them), and that it forwards requests for them ({@code fwd}; servers from
   * before that silently drop the frame); read from local replicas, so cheap.
   */
  static JsonObject statusOf(Membership membership, Datacenters datacenters) {
    JsonArray members = new JsonArray();
    for (Member m : membership.members()) members.add(m.encode());
    return new JsonObject().put("leader", membership.leader()).put("known", membership.knownLeader())
        .put("contact", membership.lastContactMillis()).put("members", members)
        .put("dcs", new JsonArray(new java.util.ArrayList<>(datacenters.nearestFirst()))).put("fwd", true);
  }

  public int port() {
    return server.actualPort();
  }

  @Override
  public void close() {
    vertx.cancelTimer(statusTimer);
    server.close();
  }
}
