package io.consulate.cluster;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * A client's link to one server at a time: its mirror is fed from the server's stream, its writes go through
 * the server to the leader, and the link's heartbeats keep it an alive member. When the link drops (the
 * server died, or no frame for {@link #SILENCE_MILLIS}) it connects to the next server it knows (the join
 * addresses and every server the member list names) and resumes the stream from what its mirror holds.
 */
public final class LinkClient implements Replicator, Datacenters, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LinkClient.class.getName());
  static final long SILENCE_MILLIS = 5_000;
  /** Consul's rpc_hold_timeout: how long a write waits for a link to come back before it fails. */
  static final long HOLD_MILLIS = 7_000;
  static final long WRITE_TIMEOUT_MILLIS = 10_000;
  static final long JOIN_TIMEOUT_MILLIS = 15_000;
  private static final long RETRY_MILLIS = 500;

  /** What a server last said: the leader, and the members. */
  record Status(String leader, boolean knownLeader, long lastContact, List<Member> members, List<String> datacenters,
      boolean forwards) {
    static final Status NONE = new Status("", false, 0, List.of(), List.of(), false);
  }

  private final Vertx vertx;
  /** The event loop all of this link's state is confined to. */
  private final Context context;
  private final NetClient net;
  private final Member self;
  private final StreamSink mirror;
  private final LongSupplier mirrorApplied;
  private final KnownAddresses known;
  /** Join addresses ({@code host:serf port}), given and learned; tried in turn. Event-loop confined. */
  private final LinkedHashSet<String> addresses = new LinkedHashSet<>();
  private final Map<Long, CompletableFuture<byte[]>> pending = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final List<CompletableFuture<Void>> linkedWaiters = new ArrayList<>();
  /** Writes held while no link is up, completed when one is. Event-loop confined. */
  private final List<CompletableFuture<Void>> held = new ArrayList<>();
  private long heartbeat;
  private volatile NetSocket socket;
  private volatile Status status = Status.NONE;
  private String linkedTo = "";
  private boolean connecting;
  private boolean closed;
  /** Which address to try next; a random start, so clients spread over the servers as Consul's do. */
  private int next = java.util.concurrent.ThreadLocalRandom.current().nextInt(1 << 16);
  private long lastHeard;
  /** Whether the server of the current link has sent a frame yet. Event-loop confined. */
  private boolean answered;

  /**
   * {@code mirror} gets the stream, resuming after {@code mirrorApplied} entries; {@code known} keeps the
   * servers for {@code -rejoin}; {@code key}, the {@code encrypt} key, makes the links TLS ({@link LinkTls}). Call
   * {@link #join} to connect.
   */
  public LinkClient(Vertx vertx, Context context, Member self, StreamSink mirror, LongSupplier mirrorApplied,
      KnownAddresses known, GossipKey key) {
    this.vertx = vertx;
    this.context = context;
    this.self = self;
    this.mirror = mirror;
    this.mirrorApplied = mirrorApplied;
    this.known = known;
    NetClientOptions options = new NetClientOptions().setConnectTimeout(2_000).setTcpNoDelay(true);
    this.net = vertx.createNetClient(key.enabled() ? LinkTls.client(options, key) : options);
    context.runOnContext(v -> heartbeat = vertx.setPeriodic(1000, id -> beat()));
  }

  /** Adds servers to reach; completes once linked to one of the servers known, fails after 15 s. */
  public CompletionStage<Void> join(List<String> joinAddresses) {
    CompletableFuture<Void> linked = new CompletableFuture<>();
    context.runOnContext(v -> {
      for (String a : joinAddresses) {
        try {
          JoinAddress parsed = JoinAddress.parse(a);
          addresses.add(parsed.host() + ":" + parsed.serfPort());
        } catch (IllegalArgumentException e) {
          linked.completeExceptionally(new ClusterException("Failed to join " + a + ": " + e.getMessage()));
          return;
        }
      }
      if (socket != null && listsSelfAlive(status.members())) {
        linked.complete(null);
        return;
      }
      linkedWaiters.add(linked);
      connect();
      vertx.setTimer(JOIN_TIMEOUT_MILLIS, t -> linked.completeExceptionally(new ClusterException(
          "Failed to join " + String.join(", ", joinAddresses) + ": no server answered within " + JOIN_TIMEOUT_MILLIS / 1000 + " s")));
    });
    return linked;
  }

  private void connect() {
    if (connecting || socket != null || closed || addresses.isEmpty()) return;
    connecting = true;
    List<String> all = new ArrayList<>(addresses);
    String target = all.get(next++ % all.size());
    JoinAddress a = JoinAddress.parse(target);
    net.connect(a.linkPort(), a.host()).onComplete(ar -> {
      connecting = false;
      if (ar.failed() || closed) {
        if (ar.succeeded()) ar.result().close();
        if (ar.failed() && ar.cause() instanceof javax.net.ssl.SSLException) {
          Refusals.warn("cannot link to server " + target + ": refused (" + Refusals.REASON + ")");
        }
        if (!closed) vertx.setTimer(RETRY_MILLIS, t -> connect());
        return;
      }
      linked(ar.result(), target);
    });
  }

  private void linked(NetSocket s, String target) {
    socket = s;
    linkedTo = target;
    lastHeard = System.currentTimeMillis();
    answered = false;
    LinkFrame.read(s, this::frame);
    s.closeHandler(v -> unlinked(s));
    JsonObject hello = new JsonObject().put("member", self.encode()).put("applied", mirrorApplied.getAsLong());
    s.write(LinkFrame.of(LinkFrame.HELLO, hello.toBuffer().getBytes()));
    held.forEach(h -> h.complete(null));
    held.clear();
  }

  private void unlinked(NetSocket s) {
    if (socket != s) return;
    socket = null;
    status = new Status("", false, status.lastContact(), status.members(), status.datacenters(), status.forwards());
    for (Long id : List.copyOf(pending.keySet())) {
      CompletableFuture<byte[]> p = pending.remove(id);
      if (p != null) p.completeExceptionally(new ClusterException("lost the link to server " + linkedTo
          + " before it answered; the write may or may not have been applied"));
    }
    if (!closed) {
      // A server that closes before saying anything refused the link: its TLS (encrypt key) against our plain one.
      if (answered) LOG.info("link to server " + linkedTo + " lost; reconnecting");
      else Refusals.warn("cannot link to server " + linkedTo + ": it closed the link unanswered (" + Refusals.REASON + "?)");
      vertx.setTimer(RETRY_MILLIS, t -> connect());
    }
  }

  private void frame(byte type, Buffer payload) {
    lastHeard = System.currentTimeMillis();
    if (!answered) {
      answered = true;
      LOG.info("linked to server " + linkedTo);
    }
    switch (type) {
      case LinkFrame.SNAPSHOT -> mirror.snapshot(payload.getBytes());
      case LinkFrame.ENTRY -> mirror.entry(payload.getBytes());
      case LinkFrame.STATUS -> status(new JsonObject(payload));
      case LinkFrame.ANSWER -> answer(payload);
      default -> { } // a newer server's frame
    }
  }

  private void status(JsonObject j) {
    JsonArray encoded = j.getJsonArray("members");
    List<Member> members = status.members();
    if (encoded != null) {
      members = new ArrayList<>();
      for (Object o : encoded) members.add(Member.decode((String) o));
      List<String> servers = KnownAddresses.serversOf(members);
      addresses.addAll(servers);
      vertx.executeBlocking(() -> {
        known.save(servers);
        return null;
      }, false);
    }
    List<String> dcs = status.datacenters();
    JsonArray named = j.getJsonArray("dcs");
    if (named != null) {
      dcs = new ArrayList<>();
      for (Object o : named) dcs.add((String) o);
    }
    status = new Status(j.getString("leader", ""), j.getBoolean("known", false), j.getLong("contact", 0L), members,
        List.copyOf(dcs), j.getBoolean("fwd", false));
    // Joined once the servers list this client as alive: the next members call shows it, as Consul's join promises.
    if (listsSelfAlive(members)) {
      linkedWaiters.forEach(w -> w.complete(null));
      linkedWaiters.clear();
    }
  }

  private boolean listsSelfAlive(List<Member> members) {
    return members.stream().anyMatch(m -> m.name().equals(self.name()) && m.status() == Member.ALIVE);
  }

  private void answer(Buffer payload) {
    CompletableFuture<byte[]> p = pending.remove(payload.getLong(0));
    if (p == null) return;
    LinkFrame.Outcome outcome = LinkFrame.Outcome.values()[payload.getByte(8)];
    byte[] body = payload.getBytes(9, payload.length());
    if (outcome == LinkFrame.Outcome.OK) p.complete(body);
    else p.completeExceptionally(outcome.exception(new String(body, StandardCharsets.UTF_8)));
  }

  private void beat() {
    NetSocket s = socket;
    if (s == null) return;
    if (System.currentTimeMillis() - lastHeard > SILENCE_MILLIS) {
      LOG.info("server " + linkedTo + " silent for " + SILENCE_MILLIS + " ms; closing its link");
      s.close();
      return;
    }
    s.write(LinkFrame.of(LinkFrame.PING, new byte[0]));
  }

  /** Sends a write to the leader through the linked server. */
  @Override
  public CompletableFuture<byte[]> replicate(byte[] command) {
    return request(LinkFrame.SUBMIT, command);
  }

  /** The datacenters the linked server knows, nearest to it first; this one alone before a server said. */
  @Override
  public List<String> nearestFirst() {
    List<String> dcs = status.datacenters();
    return dcs.isEmpty() ? List.of(self.datacenter()) : dcs;
  }

  /** Through the linked server, which forwards it over its WAN pool (Consul's clients ask their servers). */
  @Override
  public CompletionStage<ForwardedReply> forward(String dc, ForwardedRequest request, long timeoutMillis) {
    if (socket != null && status != Status.NONE && !status.forwards()) {
      return CompletableFuture.failedFuture(new ClusterException("the server " + linkedTo
          + " runs an older version that does not forward requests to other datacenters"));
    }
    byte[] name = dc.getBytes(StandardCharsets.UTF_8);
    byte[] encoded = request.encode();
    Buffer payload = Buffer.buffer(10 + name.length + encoded.length).appendUnsignedShort(name.length)
        .appendBytes(name).appendLong(timeoutMillis).appendBytes(encoded);
    return request(LinkFrame.FORWARD, payload.getBytes(), timeoutMillis + WRITE_TIMEOUT_MILLIS)
        .thenApply(ForwardedReply::decode);
  }

  /** A client is in no WAN pool: Consul's clients answer {@code members -wan} with nothing. */
  @Override
  public List<Member> wanMembers() {
    return null;
  }

  @Override
  public CompletionStage<Void> joinWan(String address) {
    return CompletableFuture.failedFuture(new ClusterException(DatacenterErrors.NOT_IN_WAN));
  }

  private CompletableFuture<byte[]> request(byte type, byte[] payload) {
    return request(type, payload, WRITE_TIMEOUT_MILLIS);
  }

  private CompletableFuture<byte[]> request(byte type, byte[] payload, long timeoutMillis) {
    if (socket != null) return send(type, payload, timeoutMillis);
    // No link right now: hold the write while one comes back (a server restarting, a reconnect), as Consul does.
    CompletableFuture<Void> linked = new CompletableFuture<>();
    context.runOnContext(v -> {
      if (socket != null || closed) linked.complete(null);
      else if (addresses.isEmpty()) linked.completeExceptionally(new ClusterException("No known Consul servers"));
      else held.add(linked);
    });
    return linked.orTimeout(HOLD_MILLIS, TimeUnit.MILLISECONDS)
        .handle((v, err) -> err == null ? send(type, payload, timeoutMillis)
            : CompletableFuture.<byte[]>failedFuture(new ClusterException("No known Consul servers")))
        .thenCompose(f -> f);
  }

  private CompletableFuture<byte[]> send(byte type, byte[] payload, long timeoutMillis) {
    NetSocket s = socket;
    if (s == null) return CompletableFuture.failedFuture(new ClusterException("No known Consul servers"));
    long id = ids.incrementAndGet();
    CompletableFuture<byte[]> answer = new CompletableFuture<>();
    pending.put(id, answer);
    s.write(LinkFrame.of(type, id, payload));
    return answer.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).whenComplete((a, e) -> pending.remove(id));
  }

  /** Tells the server this client leaves on purpose; completes once its member record says so. */
  public CompletionStage<Void> leave() {
    return request(LinkFrame.LEAVE, new byte[0]).thenRun(known::left);
  }

  public CompletionStage<Void> forceLeave(String node) {
    return request(LinkFrame.FORCE_LEAVE, node.getBytes(StandardCharsets.UTF_8)).thenApply(x -> null);
  }

  Status status() {
    return status;
  }

  public boolean linked() {
    return socket != null;
  }

  @Override
  public void close() {
    context.runOnContext(v -> {
      closed = true;
      vertx.cancelTimer(heartbeat);
      NetSocket s = socket;
      if (s != null) s.close();
      net.close();
    });
  }
}
