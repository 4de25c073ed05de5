package io.consulate.store;

import io.consulate.acl.AclState;
import io.consulate.catalog.CatalogSnapshot;
import io.consulate.cluster.RaftNode;
import io.consulate.cluster.NoLeaderException;
import io.consulate.cluster.RaftSettings;
import io.consulate.cluster.ClusterException;
import io.consulate.cluster.ProtocolGate;
import io.consulate.cluster.Replicator;
import io.consulate.cluster.StreamSink;
import io.consulate.cluster.StreamSource;
import io.consulate.kv.KvState;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The one write pipeline of DESIGN.md: every state change is a {@link Command}, submitted here on any node,
 * ordered and applied by the Raft leader (its log batches whatever is queued: group commit), acknowledged once
 * a majority of the servers has it, and answered once this node's published state includes it
 * (read-your-writes). On a server the state is applied from the log; on a client it is a mirror streamed by a
 * server, and writes go through that server. Readers take the published snapshots, which never wait on the
 * network.
 */
public final class Store implements AutoCloseable {
  /** How long an acknowledged write waits for this node to apply it before answering anyway. */
  private static final long APPLY_WAIT_MILLIS = 5_000;
  /** Before this server joined its Raft group, or a client linked to a server. */
  private static final Replicator NO_WRITER = command -> CompletableFuture.failedFuture(new NoLeaderException());

  private final MeterRegistry meters;
  private final Publication publication;
  private final Timer writesDone;
  private final Timer writesRefused;
  private final Timer writesFailed;
  private final ReplicatedState state;
  private final Mirror mirror;
  private volatile Replicator writer = NO_WRITER;
  private volatile ProtocolGate gate = ProtocolGate.OPEN;
  /** This server's Raft member; null on a client and before the group is known. */
  private volatile RaftNode raft;

  /** {@code meters} gets the store's: writes by outcome and latency, publications, entries applied. */
  private Store(MeterRegistry meters) {
    this.meters = meters;
    publication = new Publication(meters);
    state = new ReplicatedState(publication);
    mirror = new Mirror(state);
    writesDone = writes("done");
    writesRefused = writes("refused");
    writesFailed = writes("failed");
  }

  private Timer writes(String outcome) {
    return Timer.builder("consul.store.write").description("Writes submitted on this node, from submit to visible here")
        .tag("outcome", outcome).register(meters);
  }

  /**
   * An empty store that serves reads at once; writes fail with "No cluster leader" until it either joins the
   * Raft group ({@link #startRaft}) or follows a server ({@link #follow}).
   */
  public static Store create(MeterRegistry meters) {
    return new Store(meters);
  }

  /** A server's store, in its Raft group, its meters on a registry of its own; blocks, see {@link #startRaft}. */
  public static Store start(RaftSettings settings, String group) throws Exception {
    Store store = new Store(new SimpleMeterRegistry());
    store.startRaft(settings, group);
    return store;
  }

  /**
   * Joins the Raft group and restores this server's state from its log; blocks (discovery, reading the log),
   * so call it off the event loop. {@code group} names the group: one per datacenter.
   */
  public RaftNode startRaft(RaftSettings settings, String group) throws Exception {
    RaftNode node = RaftNode.start(settings, group, state);
    raft = node;
    writer = node;
    return node;
  }

  /**
   * A client's store: from now on the state is the mirror a server's link streams ({@link #mirror}), and writes
   * go through {@code link}. A lone agent that joins a cluster as a client drops its own log here.
   */
  public void follow(Replicator link) {
    RaftNode own = raft;
    raft = null;
    if (own != null) {
      own.close();
      mirror.startOver();
      publication.restart();
    }
    writer = link;
  }

  /** What a client's link feeds its mirror with. */
  public StreamSink mirror() {
    return mirror;
  }

  /** Where a client's link resumes its stream: log entries received, -1 for none. */
  public long mirrorReceived() {
    return mirror.received();
  }

  /** This server's applied log, for its clients' links. */
  public StreamSource feed() {
    return state.feed();
  }

  /** From now on a write of a newer format than {@code g} allows is refused before it reaches the log. */
  public void gate(ProtocolGate g) {
    gate = g;
  }

  /**
   * An encoded write from a client's link, handed on as this node's own writes are, after the same protocol check:
   * a client may not yet know every member's version, this server does.
   */
  public CompletableFuture<byte[]> forward(byte[] command) {
    int protocol;
    try {
      protocol = CommandCodec.decode(command, 0, command.length).protocol();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(new ClusterException("this server cannot read the write: " + e.getMessage()));
    }
    String tooNew = gate.refusal(protocol);
    if (tooNew != null) return CompletableFuture.failedFuture(new ClusterException(tooNew));
    return writer.replicate(command);
  }

  /**
   * Submits a write; completes with its answer once it is committed and visible on this node, or fails with
   * the rule that refused it, {@link io.consulate.cluster.NoLeaderException}, or a timeout (outcome unknown).
   */
  public <R> CompletionStage<Applied<R>> submit(Command<R> command) {
    String tooNew = gate.refusal(command.protocol());
    if (tooNew != null) return CompletableFuture.failedFuture(new ClusterException(tooNew));
    long start = System.nanoTime();
    CompletableFuture<Applied<R>> done = new CompletableFuture<>();
    writer.replicate(CommandCodec.encode(command)).whenComplete((answer, err) -> {
      if (err != null) {
        writesFailed.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        done.completeExceptionally(unwrapped(err));
        return;
      }
      Applied<R> applied;
      try {
        applied = CommandCodec.read(command, answer);
      } catch (RuntimeException refused) {
        writesRefused.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        done.completeExceptionally(refused);
        return;
      }
      // Committed, so durable: if this node lags (cut off right after), answer anyway rather than fail a done write.
      publication.reached(applied.applied()).completeOnTimeout(null, APPLY_WAIT_MILLIS, TimeUnit.MILLISECONDS)
          .whenComplete((x, e) -> {
            writesDone.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            done.complete(applied);
          });
    });
    return done;
  }

  /** Fires a user event to every agent of the datacenter; completes with its Lamport time once committed. */
  public CompletionStage<Long> fire(UserEvent event) {
    return submit(new EventCommand(event)).thenApply(Applied::value);
  }

  /** {@code listener} hears every user event this agent applies or mirrors, in log order. */
  public void onEvent(java.util.function.Consumer<UserEvent> listener) {
    state.onEvent(listener);
  }

  /** A catalog write of these steps, as one change set; completes with the index it is visible at. */
  public CompletionStage<Long> catalog(CatalogOp... ops) {
    return submit(CatalogCommand.of(ops)).thenApply(Applied::index);
  }

  /**
   * For Consul's {@code ?consistent}: completes once this node's state includes every write acknowledged
   * before the call, confirmed through the leader with a no-op write.
   */
  public CompletionStage<Long> barrier() {
    return submit(new HousekeepingCommand.Barrier()).thenApply(Applied::index);
  }

  /** A backup taken by {@link #save}: the archive's bytes and the index of the state in it. */
  public record Saved(long index, byte[] archive) {}

  /**
   * A backup of the whole state ({@link SnapshotArchive}), taken once this node holds every write acknowledged
   * before the call (a barrier through the leader); the state is copied under the state's lock, off the caller.
   */
  public CompletionStage<Saved> save(String datacenter, String node, long nowMillis) {
    return barrier().thenApplyAsync(i -> {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        state.writeContentTo(out);
      } catch (IOException e) {
        throw new IllegalStateException("writing to memory failed", e);
      }
      byte[] content = bytes.toByteArray();
      long index = ReplicatedState.indexIn(content);
      JsonObject meta = new JsonObject().put("Version", SnapshotArchive.VERSION).put("Index", index)
          .put("Datacenter", datacenter).put("Node", node).put("Time", Instant.ofEpochMilli(nowMillis).toString());
      return new Saved(index, SnapshotArchive.write(meta, content));
    });
  }

  /**
   * Replaces the whole state with {@code archive}'s, through the log like any write; completes with the index
   * it is visible at. A damaged archive is refused here ({@link SnapshotException}) and changes nothing.
   */
  public CompletionStage<Long> restore(byte[] archive, long nowMillis) {
    SnapshotArchive read;
    try {
      read = SnapshotArchive.read(archive);
      read.counts(); // the state inside parses too, before it goes to the log
    } catch (SnapshotException e) {
      return CompletableFuture.failedFuture(e);
    }
    return submit(new RestoreCommand(read.state(), nowMillis)).thenApply(Applied::index);
  }

  private static Throwable unwrapped(Throwable err) {
    return err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
  }

  public SnapshotPublisher<CatalogSnapshot> snapshots() {
    return publication.catalog();
  }

  public CatalogSnapshot snapshot() {
    return publication.catalog().current();
  }

  public SnapshotPublisher<KvState> kvSnapshots() {
    return publication.kv();
  }

  public KvState kvState() {
    return publication.kv().current();
  }

  public SnapshotPublisher<AclState> aclSnapshots() {
    return publication.acl();
  }

  public AclState aclState() {
    return publication.acl().current();
  }

  /** The index of the newest state this node serves. */
  public long index() {
    return publication.publishedIndex();
  }

  /** This server's Raft member; null on a client, and on a server that has not found its group yet. */
  public RaftNode raft() {
    return raft;
  }

  public boolean isLeader() {
    RaftNode node = raft;
    return node != null && node.isLeader();
  }

  @Override
  public void close() {
    RaftNode node = raft;
    if (node != null) node.close();
    mirror.close();
    publication.close();
  }
}
