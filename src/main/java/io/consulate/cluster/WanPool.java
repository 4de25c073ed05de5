package io.consulate.cluster;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.jgroups.blocks.MessageDispatcher;
import org.jgroups.blocks.RequestHandler;
import org.jgroups.blocks.RequestOptions;
import org.jgroups.blocks.Response;

/**
 * The WAN pool (Consul's serf WAN): the servers of every datacenter in one JGroups group on the serf WAN port,
 * each named {@code node.dc}. Each server announces its record to the group at every view change, so every server
 * knows every other one; a server that leaves the view is failed until it comes back. A request for another
 * datacenter travels over this group to one of that datacenter's alive servers, which answers it as it would a
 * request of its own ({@link #serve}). The round trip to each datacenter is measured every few seconds, for
 * {@link #nearestFirst()}.
 */
public final class WanPool implements Datacenters, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(WanPool.class.getName());
  private static final byte HELLO = 1;
  private static final byte PING = 2;
  private static final byte FORWARD = 3;
  private static final long PING_EVERY_MILLIS = 5_000;
  private static final long FLOOD_EVERY_MILLIS = 2_000;
  /**
   * A server suspected dead (its socket closed) is checked this long before the pool drops it: short, so requests
   * to a datacenter whose servers died fail within a second or two rather than after the LAN's safer delay.
   */
  private static final int VERIFY_MILLIS = 300;
  /** How long a forwarded request may go unanswered before its server's port is probed. */
  private static final long PROBE_AFTER_MILLIS = 250;
  private static final long PING_TIMEOUT_MILLIS = 2_000;
  /** The round trips a datacenter's distance is the median of. */
  private static final int RTT_SAMPLES = 5;

  private final String datacenter;
  private final Member self;
  private final JChannel channel;
  private final MessageDispatcher dispatcher;
  /** Every server ever seen, by name ({@code node.dc}); alive while its address is in the view. */
  private final Map<String, Record> records = new ConcurrentHashMap<>();
  private final Map<String, Deque<Long>> rttNanos = new ConcurrentHashMap<>();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "wan-pool");
    t.setDaemon(true);
    return t;
  });
  private volatile Set<Address> view = Set.of();
  /** Servers whose port refused a connection since the last view: skipped until the pool has decided. */
  private final Set<Address> suspected = ConcurrentHashMap.newKeySet();
  private volatile Function<ForwardedRequest, CompletionStage<ForwardedReply>> server =
      r -> CompletableFuture.failedFuture(new ClusterException("this server is still starting"));

  private record Record(Address address, Member member) {}

  private WanPool(String datacenter, Member self, JChannel channel) {
    this.datacenter = datacenter;
    this.self = self;
    this.channel = channel;
    this.dispatcher = new MessageDispatcher(channel, new Handler()).asyncDispatching(true);
    dispatcher.setReceiver(new Receiver() {
      @Override
      public void viewAccepted(View v) {
        onView(v);
      }
    });
  }

  /**
   * Joins the WAN pool on {@code bindAddr:settings.serfWanPort()} as {@code self} (whose name is {@code node.dc}
   * and port the WAN port); blocks until the first view.
   */
  public static WanPool start(WanSettings settings, String bindAddr, String datacenter, Member self) throws Exception {
    String xml = JGroupsStack.render(bindAddr, settings.serfWanPort(), settings.join(), WanSettings.DEFAULT_SERF_WAN_PORT,
        VERIFY_MILLIS);
    JChannel channel = new JChannel(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).name(self.name());
    WanPool pool = new WanPool(datacenter, self, channel);
    try {
      channel.connect("consulate-wan");
    } catch (Exception e) {
      pool.close();
      throw e;
    }
    pool.ticker.scheduleWithFixedDelay(pool::measure, 0, PING_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    return pool;
  }

  /** How a forwarded request is answered here: as a request of this agent's own HTTP API. */
  public void serve(Function<ForwardedRequest, CompletionStage<ForwardedReply>> answer) {
    server = answer;
  }

  /** The servers of every datacenter, this one included, alive or failed, by name. */
  @Override
  public List<Member> wanMembers() {
    List<Member> out = new ArrayList<>();
    for (Record r : records.values()) out.add(r.member());
    out.sort(Comparator.comparing(Member::name));
    return out;
  }

  /** Every datacenter known, nearest first (this one, then by median round trip, unmeasured last, then by name). */
  @Override
  public List<String> nearestFirst() {
    Set<String> names = new TreeSet<>();
    names.add(datacenter);
    for (Record r : records.values()) names.add(r.member().datacenter());
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

  /** Whether any server of {@code dc} was ever seen. */
  public boolean knows(String dc) {
    for (Record r : records.values()) if (r.member().datacenter().equalsIgnoreCase(dc)) return true;
    return false;
  }

  /**
   * Asks one alive server of {@code dc} to answer {@code request}. Fails at once when no server of {@code dc} is
   * alive (Consul's errors), and when the server asked dies or does not answer within {@code timeoutMillis}.
   */
  @Override
  public CompletionStage<ForwardedReply> forward(String dc, ForwardedRequest request, long timeoutMillis) {
    List<Record> alive = aliveServers(dc);
    if (alive.isEmpty()) {
      return CompletableFuture.failedFuture(new ClusterException(knows(dc)
          ? DatacenterErrors.NOT_AVAILABLE : DatacenterErrors.NO_PATH));
    }
    Record target = alive.get(ThreadLocalRandom.current().nextInt(alive.size()));
    CompletableFuture<ForwardedReply> reply = send(target.address(), FORWARD, request.encode(), timeoutMillis)
        .thenApply(ForwardedReply::decode).toCompletableFuture();
    ticker.schedule(() -> failIfDead(target, reply), PROBE_AFTER_MILLIS, TimeUnit.MILLISECONDS);
    return reply;
  }

  /**
   * A request still unanswered after {@link #PROBE_AFTER_MILLIS} whose server's port refuses connections failed
   * with that server, as Consul's dial fails: at once, not after the pool's view change. The server is then
   * passed over until the next view.
   */
  private void failIfDead(Record target, CompletableFuture<ForwardedReply> reply) {
    if (reply.isDone()) return;
    Member m = target.member();
    ConnectProbe.refused(m.address(), m.port()).thenAccept(refused -> {
      if (!refused) return;
      suspected.add(target.address());
      reply.completeExceptionally(new ClusterException("rpc error making call: dial tcp " + m.address() + ":" + m.port()
          + ": connect: connection refused"));
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
      for (Member m : lan.members()) {
        if (!m.server() || m.status() != Member.ALIVE || m.wanPort() == 0 || m.nodeId().equals(self.nodeId())) continue;
        try {
          JGroupsStack.addInitialHost(channel, m.address() + ":" + m.wanPort(), WanSettings.DEFAULT_SERF_WAN_PORT);
        } catch (IllegalArgumentException e) {
          LOG.fine("cannot add " + m.name() + " to the WAN pool: " + e.getMessage());
        }
      }
    }, 0, FLOOD_EVERY_MILLIS, TimeUnit.MILLISECONDS);
  }

  private List<Record> aliveServers(String dc) {
    List<Record> out = new ArrayList<>();
    for (Record r : records.values()) {
      if (r.member().datacenter().equalsIgnoreCase(dc) && r.member().status() == Member.ALIVE
          && !suspected.contains(r.address())) {
        out.add(r);
      }
    }
    return out;
  }

  private CompletionStage<byte[]> send(Address target, byte type, byte[] payload, long timeoutMillis) {
    byte[] framed = new byte[payload.length + 1];
    framed[0] = type;
    System.arraycopy(payload, 0, framed, 1, payload.length);
    try {
      return dispatcher.<byte[]>sendMessageWithFuture(new BytesMessage(target, framed),
          RequestOptions.SYNC().timeout(timeoutMillis))
          .exceptionallyCompose(e -> CompletableFuture.failedFuture(unreachable(e)));
    } catch (Exception e) {
      return CompletableFuture.failedFuture(unreachable(e));
    }
  }

  private static ClusterException unreachable(Throwable e) {
    Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    return new ClusterException("rpc error: the remote server did not answer: " + cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : " " + cause.getMessage()));
  }

  private void onView(View v) {
    Set<Address> members = new HashSet<>(v.getMembers());
    view = members;
    suspected.clear();
    long now = System.currentTimeMillis();
    records.replaceAll((name, r) -> {
      boolean in = members.contains(r.address());
      int status = r.member().status();
      if (in && status != Member.ALIVE) {
        LOG.info("WAN pool: " + name + " is alive again");
        return new Record(r.address(), r.member().withStatus(Member.ALIVE, now));
      }
      if (!in && status == Member.ALIVE) {
        LOG.info("WAN pool: " + name + " failed");
        return new Record(r.address(), r.member().withStatus(Member.FAILED, now));
      }
      return r;
    });
    // Everyone announces itself to everyone at each change: a newcomer (or a merged group) learns every record.
    ticker.execute(this::announce);
  }

  private void announce() {
    byte[] record = self.encode().getBytes(StandardCharsets.UTF_8);
    byte[] framed = new byte[record.length + 1];
    framed[0] = HELLO;
    System.arraycopy(record, 0, framed, 1, record.length);
    try {
      dispatcher.castMessageWithFuture(null, new BytesMessage(null, framed), RequestOptions.ASYNC());
    } catch (Exception e) {
      LOG.log(Level.FINE, "WAN announcement failed; the next view change retries", e);
    }
  }

  private void learn(Address from, byte[] record) {
    Member m = Member.decode(new String(record, StandardCharsets.UTF_8));
    int status = view.contains(from) ? Member.ALIVE : Member.FAILED;
    Record before = records.put(m.name(), new Record(from, m.withStatus(status, System.currentTimeMillis())));
    if (before == null && !m.name().equals(self.name())) LOG.info("WAN pool: " + m.name() + " joined");
  }

  /** One round trip to each alive server of the other datacenters. */
  private void measure() {
    for (Record r : records.values()) {
      String dc = r.member().datacenter();
      if (dc.equals(datacenter) || r.member().status() != Member.ALIVE) continue;
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

  /** Requests from other servers: announcements (no answer), pings and forwarded requests. */
  private final class Handler implements RequestHandler {
    @Override
    public Object handle(Message msg) {
      byte[] bytes = msg.getArray();
      int offset = msg.getOffset();
      if (bytes[offset] == HELLO) {
        learn(msg.getSrc(), java.util.Arrays.copyOfRange(bytes, offset + 1, offset + msg.getLength()));
      }
      return null;
    }

    @Override
    public void handle(Message msg, Response response) {
      byte[] bytes = msg.getArray();
      int offset = msg.getOffset();
      switch (bytes[offset]) {
        case PING -> response.send(new byte[0], false);
        case FORWARD -> {
          ForwardedRequest request = ForwardedRequest.decode(java.util.Arrays.copyOfRange(bytes, offset + 1,
              offset + msg.getLength()));
          server.apply(request).whenComplete((reply, err) -> {
            ForwardedReply answer = err == null ? reply : new ForwardedReply(500,
                List.of(Map.entry("Content-Type", "text/plain; charset=utf-8")),
                String.valueOf(err.getMessage()).getBytes(StandardCharsets.UTF_8));
            response.send(answer.encode(), false);
          });
        }
        default -> handle(msg);
      }
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    try {
      dispatcher.close();
    } catch (java.io.IOException e) {
      LOG.log(Level.FINE, "closing the WAN dispatcher", e);
    }
    channel.close();
  }
}
