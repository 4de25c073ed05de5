package io.consulate.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * One client's link on a server: streams the state to it (as a {@link StreamSink}), answers its forwarded
 * writes, and keeps its member record: alive while linked, failed {@link #FAIL_AFTER_MILLIS} after the link
 * dropped unless the client linked again meanwhile (here or to another server), left when it says so.
 */
final class LinkSession implements StreamSink {
  private static final Logger LOG = Logger.getLogger(LinkSession.class.getName());
  /** A reconnect (server restart, network blip) within this long does not flap the client's serfHealth. */
  static final long FAIL_AFTER_MILLIS = 2_000;
  /** Bytes queued for a client that does not read: past this it is cut off, and resumes when it reconnects. */
  private static final int MAX_QUEUED_BYTES = 64 * 1024 * 1024;

  private final Vertx vertx;
  private final NetSocket socket;
  private final String serverName;
  private final Membership membership;
  private final StreamSource source;
  private final Replicator writes;
  private volatile Member member;
  private volatile StreamSource.Subscription subscription;
  private volatile boolean left;
  private volatile boolean closed;
  /** Bytes of stream frames written but not yet flushed to the socket: a client that stops reading grows it. */
  private final java.util.concurrent.atomic.AtomicLong unsent = new java.util.concurrent.atomic.AtomicLong();
  private String lastMembers = "";
  /** Stream frames waiting for the event loop; guarded by this. */
  private Buffer batch;
  private final io.vertx.core.Context context;
  private final Datacenters datacenters;

  LinkSession(Vertx vertx, NetSocket socket, String serverName, Membership membership, StreamSource source,
      Replicator writes, Datacenters datacenters, JsonObject firstStatus) {
    this.vertx = vertx;
    this.datacenters = datacenters;
    this.socket = socket;
    this.serverName = serverName;
    this.membership = membership;
    this.source = source;
    this.writes = writes;
    this.context = vertx.getOrCreateContext(); // built in the connect handler: the socket's own event loop
    LinkFrame.read(socket, this::frame);
    status(firstStatus);
  }

  private void frame(byte type, Buffer payload) {
    switch (type) {
      case LinkFrame.HELLO -> hello(new JsonObject(payload));
      case LinkFrame.SUBMIT -> submit(payload.getLong(0), payload.getBytes(8, payload.length()));
      case LinkFrame.PING -> heard();
      case LinkFrame.LEAVE -> leave(payload.getLong(0));
      case LinkFrame.FORCE_LEAVE -> forceLeave(payload.getLong(0), payload.getString(8, payload.length(), "UTF-8"));
      case LinkFrame.FORWARD -> forward(payload);
      default -> { } // a newer client's frame: nothing to do with it here
    }
  }

  /** Records the client alive and starts its stream; both block (a replicated write, a state copy), so off the loop. */
  private void hello(JsonObject hello) {
    Member m = Member.decode(hello.getString("member")).withLink(Membership.linkId(serverName));
    long applied = hello.getLong("applied", -1L);
    vertx.executeBlocking(() -> {
      membership.clientLinked(m);
      member = m;
      if (!closed) subscription = source.subscribe(applied, this);
      return LinkServer.statusOf(membership, datacenters);
    }).onSuccess(this::status).onFailure(e -> {
      LOG.warning("client link from " + m.name() + " failed to start: " + e.getMessage());
      socket.close();
    });
  }

  private void submit(long id, byte[] command) {
    answer(id, writes.replicate(command));
  }

  /** A client's request for another datacenter: through this server's WAN pool. */
  private void forward(Buffer payload) {
    long id = payload.getLong(0);
    int dcLength = payload.getUnsignedShort(8);
    String dc = payload.getString(10, 10 + dcLength, "UTF-8");
    long timeout = payload.getLong(10 + dcLength);
    ForwardedRequest request = ForwardedRequest.decode(payload.getBytes(18 + dcLength, payload.length()));
    answer(id, datacenters.forward(dc, request, timeout).thenApply(ForwardedReply::encode));
  }

  /** Answers request {@code id} once {@code result} completes: its bytes, or the failure's kind and message. */
  private void answer(long id, java.util.concurrent.CompletionStage<byte[]> result) {
    result.whenComplete((bytes, err) -> {
      Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null ? err.getCause() : err;
      socket.write(cause == null ? LinkFrame.answer(id, LinkFrame.Outcome.OK, bytes)
          : LinkFrame.answer(id, LinkFrame.Outcome.of(cause), String.valueOf(cause.getMessage()).getBytes(StandardCharsets.UTF_8)));
    });
  }

  private void heard() {
    Member m = member;
    if (m != null) vertx.executeBlocking(() -> {
      membership.clientHeard(m);
      return null;
    }, false);
  }

  private void leave(long id) {
    Member m = member;
    left = true;
    answer(id, vertx.executeBlocking(() -> {
      if (m != null) membership.clientLeft(m);
      return new byte[0];
    }).toCompletionStage());
  }

  private void forceLeave(long id, String node) {
    answer(id, membership.forceLeave(node).thenApply(v -> new byte[0]));
  }

  /** Sends the status; the member list only when it changed since the last one this client got. */
  synchronized void status(JsonObject status) {
    String members = status.getJsonArray("members").encode();
    JsonObject out = status.copy();
    if (members.equals(lastMembers)) out.remove("members");
    lastMembers = members;
    socket.write(LinkFrame.of(LinkFrame.STATUS, out.toBuffer().getBytes()));
  }

  @Override
  public void snapshot(byte[] state) {
    stream(LinkFrame.of(LinkFrame.SNAPSHOT, state));
  }

  @Override
  public void entry(byte[] entry) {
    stream(LinkFrame.of(LinkFrame.ENTRY, entry));
  }

  /**
   * Queues a stream frame. Frames queued while a write is pending go out together, in one write on the
   * socket's event loop: a burst of log entries costs one wake-up and one syscall per client, not one each. A
   * client that has stopped reading has its link closed, once.
   */
  private void stream(Buffer frame) {
    if (closed) return;
    if (unsent.get() > MAX_QUEUED_BYTES) {
      closed = true;
      StreamSource.Subscription s = subscription;
      if (s != null) s.cancel();
      LOG.warning("client " + (member == null ? "?" : member.name()) + " reads too slowly; its link is closed");
      socket.close();
      return;
    }
    unsent.addAndGet(frame.length());
    boolean first;
    synchronized (this) {
      first = batch == null;
      if (first) batch = Buffer.buffer(frame.length());
      batch.appendBuffer(frame);
    }
    if (first) context.runOnContext(v -> flush());
  }

  private void flush() {
    Buffer out;
    synchronized (this) {
      out = batch;
      batch = null;
    }
    int size = out.length();
    socket.write(out).onComplete(ar -> unsent.addAndGet(-size));
  }

  @Override
  public void broken() {
    socket.close();
  }

  void closed() {
    closed = true;
    StreamSource.Subscription s = subscription;
    if (s != null) s.cancel();
    Member m = member;
    if (m == null || left) return;
    vertx.setTimer(FAIL_AFTER_MILLIS, t -> vertx.executeBlocking(() -> {
      membership.clientUnlinked(m.name(), m.link());
      return null;
    }, false));
  }
}
