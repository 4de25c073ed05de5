package io.consulate.cluster;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.Event;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.jgroups.blocks.MessageDispatcher;
import org.jgroups.blocks.RequestHandler;
import org.jgroups.blocks.RequestOptions;
import org.jgroups.blocks.Response;
import org.jgroups.stack.IpAddress;

/**
 * The WAN pool (Consul's serf WAN): the servers of every datacenter in one JGroups group on the serf WAN port,
 * each named {@code node.dc}. Each server announces its record to the group at every view change and every few
 * seconds, so every server knows every other one ({@link WanRecords}); one that leaves says so first. A request for
 * another datacenter travels over this group to one of that datacenter's alive servers, which answers it as it
 * would a request of its own ({@link #serve}). The round trip to each datacenter is measured every few seconds,
 * for {@link #nearestFirst()}.
 */
public final class WanPool implements Datacenters, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(WanPool.class.getName());
  private static final byte HELLO = 1;
  private static final byte PING = 2;
  private static final byte FORWARD = 3;
  private static final byte LEAVE = 4;
  private static final long TICK_MILLIS = 5_000;
  private static final long PING_TIMEOUT_MILLIS = 2_000;
  private static final long FLOOD_EVERY_MILLIS = 2_000;
  /** The round trips a datacenter's distance is the median of. */
  private static final int RTT_SAMPLES = 5;
  /**
   * A server suspected dead (its socket closed) is checked this long before the pool drops it: short, so requests
   * to a datacenter whose servers died fail within a second or two rather than after the LAN's safer delay.
   */
  private static final int VERIFY_MILLIS = 300;
  /** How long a forwarded request may go unanswered (at least; four round trips on a slow WAN) before a probe. */
  private static final long PROBE_AFTER_MILLIS = 250;
  /** A server's port is probed at most this often; one found dead is passed over this long, or until the next view. */
  private static final long PROBE_EVERY_MILLIS = 1_000;
  private static final long SUSPECT_MILLIS = 5_000;

  private final String datacenter;
  private final Member self;
  private final JChannel channel;
  private final MessageDispatcher dispatcher;
  private final WanRecords records;
  /** Forgotten after this long failed or left (Consul's reconnect_timeout_wan). */
  private final long reconnectMillis;
  private final Map<String, Deque<Long>> rttNanos = new ConcurrentHashMap<>();
  private final Map<Address, Long> lastProbe = new ConcurrentHashMap<>();
  /** Forwarded requests not yet answered, by the server asked: all fail together when it is found dead. */
  private final Map<Address, Set<CompletableFuture<ForwardedReply>>> pending = new ConcurrentHashMap<>();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("wan-pool"));
  /**
   * JGroups sends block while flow control waits for credits (a large reply); they never run on the caller's
   * thread, which may be an event loop.
   */
  private final ExecutorService sender = Executors.newCachedThreadPool(daemon("wan-send"));
  private volatile Function<ForwardedRequest, CompletionStage<ForwardedReply>> server =
      r -> CompletableFuture.failedFuture(new ClusterException("this server is still starting"));

  private WanPool(String datacenter, Member self, JChannel channel, long reconnectMillis) {
    this.datacenter = datacenter;
    this.self = self;
    this.channel = channel;
    this.reconnectMillis = reconnectMillis;
    this.records = new WanRecords(self.name());
    this.dispatcher = new MessageDispatcher(channel, new Handler()).asyncDispatching(true);
    dispatcher.setReceiver(new Receiver() {
      @Override
      public void viewAccepted(View v) {
        records.view(new HashSet<>(v.getMembers()), System.currentTimeMillis());
        // Everyone announces itself to everyone at each change: a newcomer (or a merged group) learns every record.
        ticker.execute(WanPool.this::announce);
      }
    });
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Joins the WAN pool on {@code bindAddr:settings.serfWanPort()} as {@code self} (whose name is {@code node.dc}
   * and port the WAN port); blocks until the first view. Servers failed or left for {@code reconnectMillis} are
   * forgotten.
   */
  public static WanPool start(WanSettings settings, String bindAddr, String datacenter, Member self,
      long reconnectMillis) throws Exception {
    String xml = JGroupsStack.render(bindAddr, settings.serfWanPort(), settings.join(), WanSettings.DEFAULT_SERF_WAN_PORT,
        VERIFY_MILLIS, false, settings.encrypt());
    JChannel channel = new JChannel(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).name(self.name());
    WanPool pool = new WanPool(datacenter, self, channel, reconnectMillis);
    try {
      channel.connect("consulate-wan");
    } catch (Exception e) {
      pool.close();
      throw e;
    }
    pool.ticker.scheduleWithFixedDelay(pool::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    return pool;
  }

  /** How a forwarded request is answered here: as a request of this agent's own HTTP API. */
  public void serve(Function<ForwardedRequest, CompletionStage<ForwardedReply>> answer) {
    server = answer;
  }

  /** The servers of every datacenter, this one included, alive, failed or left, by name. */
  @Override
  public List<Member> wanMembers() {
    return records.members();
  }

  /** Every datacenter known, nearest first (this one, then by median round trip, unmeasured last, then by name). */
  @Override
  public List<String> nearestFirst() {
    Set<String> names = new TreeSet<>(records.datacenters());
    names.add(datacenter);
    List<String> out = new ArrayList<>(names);
    out.sort(Comparator.comparingLong(this::distanceNanos).thenComparing(Comparator.naturalOrder()));
    return out;
  }

  /** The median of the last round trips to {@code dc}: 0 for this one, {@link Long#MAX_VALUE} when never measured. */
  public long distanceNanos(String dc) {
    if (dc.equals(datacenter)) return 0;
    Deque<Long> samples = rttNanos.get(dc);
    if (samples == null) return Long.MAX_VALUE;
    List<Long> sorted;
    synchronized (samples) {
      sorted = new ArrayList<>(samples);
    }
    if (sorted.isEmpty()) return Long.MAX_VALUE;
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }

  /**
   * Asks one alive server of {@code dc} to answer {@code request}. Fails at once when no server of {@code dc} is
   * alive (Consul's errors), and when the server asked dies or does not answer within {@code timeoutMillis}.
   */
  @Override
  public CompletionStage<ForwardedReply> forward(String dc, ForwardedRequest request, long timeoutMillis) {
    long now = System.currentTimeMillis();
    List<WanRecords.Record> alive = records.alive(dc, now);
    if (alive.isEmpty()) {
      return CompletableFuture.failedFuture(new ClusterException(records.knows(dc)
          ? DatacenterErrors.NOT_AVAILABLE : DatacenterErrors.NO_PATH));
    }
    WanRecords.Record target = alive.get(ThreadLocalRandom.current().nextInt(alive.size()));
    CompletableFuture<ForwardedReply> reply = send(target.address(), FORWARD, request.encode(), timeoutMillis)
        .thenApply(ForwardedReply::decode).toCompletableFuture();
    Set<CompletableFuture<ForwardedReply>> waiting = pending.computeIfAbsent(target.address(),
        a -> ConcurrentHashMap.newKeySet());
    waiting.add(reply);
    reply.whenComplete((r, e) -> waiting.remove(reply));
    long distanceMillis = Math.min(distanceNanos(dc), Long.MAX_VALUE / 2) / 1_000_000;
    ticker.schedule(() -> failIfDead(target, reply), Math.max(PROBE_AFTER_MILLIS, 4 * distanceMillis),
        TimeUnit.MILLISECONDS);
    return reply;
  }

  /**
   * A request still unanswered whose server's port refuses connections failed with that server, as Consul's dial
   * fails: at once, not after the pool's view change; so do all others waiting on it, and the server is passed
   * over for a while. A server is probed at most once a second (a request that finds a probe just made waits for
   * the next), so parked blocking queries cost almost nothing.
   */
  private void failIfDead(WanRecords.Record target, CompletableFuture<ForwardedReply> reply) {
    if (reply.isDone()) return;
    long now = System.currentTimeMillis();
    Long last = lastProbe.get(target.address());
    if (last != null && now - last < PROBE_EVERY_MILLIS) {
      ticker.schedule(() -> failIfDead(target, reply), PROBE_EVERY_MILLIS - (now - last), TimeUnit.MILLISECONDS);
      return;
    }
    lastProbe.put(target.address(), now);
    Object physical = channel.down(new Event(Event.GET_PHYSICAL_ADDRESS, target.address()));
    if (!(physical instanceof IpAddress ip)) return;
    String host = ip.getIpAddress().getHostAddress();
    ConnectProbe.refused(host, ip.getPort()).thenAccept(refused -> {
      if (!refused) return;
      records.suspect(target.address(), System.currentTimeMillis() + SUSPECT_MILLIS);
      ClusterException dead = new ClusterException("rpc error making call: dial tcp " + host + ":" + ip.getPort()
          + ": connect: connection refused");
      for (CompletableFuture<ForwardedReply> waiting : pending.getOrDefault(target.address(), Set.of())) {
        waiting.completeExceptionally(dead);
      }
    });
  }

  /** Consul's join of the WAN: contacts {@code address} and completes once a server there is an alive member. */
  @Override
  public CompletionStage<Void> joinWan(String address) {
    JoinAddress wanted;
    try {
      wanted = JoinAddress.parse(address, WanSettings.DEFAULT_SERF_WAN_PORT);
      JGroupsStack.addInitialHost(channel, address, WanSettings.DEFAULT_SERF_WAN_PORT);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(new ClusterException("Failed to join " + address + ": " + e.getMessage()));
    }
    CompletableFuture<Void> joined = new CompletableFuture<>();
    long deadline = System.currentTimeMillis() + Membership.JOIN_TIMEOUT_MILLIS;
    ticker.execute(new Runnable() {
      public void run() {
        if (wanted.matchesAny(wanMembers())) joined.complete(null);
        else if (System.currentTimeMillis() > deadline) {
          joined.completeExceptionally(new ClusterException("Failed to join " + address + ": no server answered there within "
              + Membership.JOIN_TIMEOUT_MILLIS / 1000 + " s"));
        } else ticker.schedule(this, 200, TimeUnit.MILLISECONDS);
      }
    });
    return joined;
  }

  /**
   * Keeps every alive server of this datacenter's LAN in the WAN pool too (Consul's flood join): only one server
   * per datacenter need be given {@code -join-wan}. Their WAN ports come from their member records.
   */
  public void floodFrom(ClusterView lan) {
    ticker.scheduleWithFixedDelay(() -> {
      try {
        for (Member m : lan.members()) {
          if (!m.server() || m.status() != Member.ALIVE || m.wanPort() == 0 || m.nodeId().equals(self.nodeId())) continue;
          String host = m.address().contains(":") ? "[" + m.address() + "]" : m.address();
          JGroupsStack.addInitialHost(channel, host + ":" + m.wanPort(), WanSettings.DEFAULT_SERF_WAN_PORT);
        }
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "WAN flood join pass failed; the next one retries", e);
      }
    }, 0, FLOOD_EVERY_MILLIS, TimeUnit.MILLISECONDS);
  }

  private CompletionStage<byte[]> send(Address target, byte type, byte[] payload, long timeoutMillis) {
    Message message = new BytesMessage(target, framed(type, payload));
    return CompletableFuture.supplyAsync(() -> {
      try {
        return dispatcher.<byte[]>sendMessageWithFuture(message, RequestOptions.SYNC().timeout(timeoutMillis));
      } catch (Exception e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    }, sender).thenCompose(f -> f).exceptionallyCompose(e -> CompletableFuture.failedFuture(unreachable(e)));
  }

  private static byte[] framed(byte type, byte[] payload) {
    byte[] framed = new byte[payload.length + 1];
    framed[0] = type;
    System.arraycopy(payload, 0, framed, 1, payload.length);
    return framed;
  }

  private static ClusterException unreachable(Throwable e) {
    Throwable cause = e;
    while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) cause = cause.getCause();
    if (cause instanceof ClusterException c) return c;
    return new ClusterException("rpc error: the remote server did not answer: " + cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : " " + cause.getMessage()));
  }

  private void cast(byte type, byte[] payload) {
    try {
      dispatcher.castMessageWithFuture(null, new BytesMessage(null, framed(type, payload)), RequestOptions.ASYNC());
    } catch (Exception e) {
      LOG.log(Level.FINE, "WAN cast failed; the next tick retries", e);
    }
  }

  private void announce() {
    cast(HELLO, self.encode().getBytes(StandardCharsets.UTF_8));
  }

  /** Every few seconds: announce again (records heal whatever a race lost), forget the long gone, measure. */
  private void tick() {
    announce();
    records.reap(System.currentTimeMillis(), reconnectMillis);
    for (WanRecords.Record r : records.alive(null, System.currentTimeMillis())) {
      String dc = r.member().datacenter();
      if (dc.equals(datacenter)) continue;
      long start = System.nanoTime();
      send(r.address(), PING, new byte[0], PING_TIMEOUT_MILLIS).thenRun(() -> {
        Deque<Long> samples = rttNanos.computeIfAbsent(dc, k -> new ArrayDeque<>());
        synchronized (samples) {
          samples.addLast(System.nanoTime() - start);
          while (samples.size() > RTT_SAMPLES) samples.removeFirst();
        }
      });
    }
  }

  /** Requests from other servers: announcements and goodbyes (no answer), pings and forwarded requests. */
  private final class Handler implements RequestHandler {
    @Override
    public Object handle(Message msg) {
      byte[] body = Arrays.copyOfRange(msg.getArray(), msg.getOffset() + 1, msg.getOffset() + msg.getLength());
      switch (msg.getArray()[msg.getOffset()]) {
        case HELLO -> records.learn(msg.getSrc(), Member.decode(new String(body, StandardCharsets.UTF_8)),
            System.currentTimeMillis());
        case LEAVE -> records.left(new String(body, StandardCharsets.UTF_8), System.currentTimeMillis());
        default -> { } // a newer server's message
      }
      return null;
    }

    @Override
    public void handle(Message msg, Response response) {
      byte type = msg.getArray()[msg.getOffset()];
      if (type == PING) {
        response.send(new byte[0], false);
      } else if (type == FORWARD) {
        ForwardedRequest request = ForwardedRequest.decode(Arrays.copyOfRange(msg.getArray(), msg.getOffset() + 1,
            msg.getOffset() + msg.getLength()));
        server.apply(request).whenComplete((reply, err) -> {
          ForwardedReply answer = err == null ? reply : new ForwardedReply(500,
              List.of(Map.entry("Content-Type", "text/plain; charset=utf-8")),
              String.valueOf(unreachable(err).getMessage()).getBytes(StandardCharsets.UTF_8));
          sender.execute(() -> response.send(answer.encode(), false));
        });
      } else {
        handle(msg);
      }
    }
  }

  /** Says goodbye (the others mark this server left, not failed), then leaves the pool. */
  @Override
  public void close() {
    ticker.shutdownNow();
    if (channel.isConnected()) cast(LEAVE, self.name().getBytes(StandardCharsets.UTF_8));
    try {
      dispatcher.close();
    } catch (java.io.IOException e) {
      LOG.log(Level.FINE, "closing the WAN dispatcher", e);
    }
    channel.close();
    sender.shutdown();
  }
}
