package io.consulate.store;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.cluster.RaftNode;
import io.consulate.cluster.RaftSettings;
import io.consulate.kv.KvState;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The one write pipeline of DESIGN.md: every state change is a {@link Command}, submitted here on any server,
 * ordered and applied by the Raft leader (its log batches whatever is queued: group commit), acknowledged once
 * a majority of the servers has it, and answered once this node's published state includes it
 * (read-your-writes). Readers take the published snapshots, which never wait on the network.
 */
public final class Store implements AutoCloseable {
  /** How long an acknowledged write waits for this node to apply it before answering anyway. */
  private static final long APPLY_WAIT_MILLIS = 5_000;

  private final Publication publication;
  private final RaftNode raft;

  private Store(Publication publication, RaftNode raft) {
    this.publication = publication;
    this.raft = raft;
  }

  /**
   * Joins the Raft group and restores this server's state from its log; blocks (discovery, reading the log),
   * so call it off the event loop. {@code group} names the group: one per datacenter.
   */
  public static Store start(RaftSettings settings, String group) throws Exception {
    Publication publication = new Publication();
    RaftNode raft = RaftNode.start(settings, group, new ReplicatedState(publication));
    return new Store(publication, raft);
  }

  /**
   * Submits a write; completes with its answer once it is committed and visible on this node, or fails with
   * the rule that refused it, {@link io.consulate.cluster.NoLeaderException}, or a timeout (outcome unknown).
   */
  public <R> CompletionStage<Applied<R>> submit(Command<R> command) {
    CompletableFuture<Applied<R>> done = new CompletableFuture<>();
    raft.replicate(CommandCodec.encode(command)).whenComplete((answer, err) -> {
      if (err != null) {
        done.completeExceptionally(unwrapped(err));
        return;
      }
      Applied<R> applied;
      try {
        applied = CommandCodec.read(command, answer);
      } catch (RuntimeException refused) {
        done.completeExceptionally(refused);
        return;
      }
      // Committed, so durable: if this node lags (cut off right after), answer anyway rather than fail a done write.
      publication.reached(applied.applied()).completeOnTimeout(null, APPLY_WAIT_MILLIS, TimeUnit.MILLISECONDS)
          .whenComplete((x, e) -> done.complete(applied));
    });
    return done;
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

  /** The index of the newest state this node serves. */
  public long index() {
    return publication.publishedIndex();
  }

  public RaftNode raft() {
    return raft;
  }

  public boolean isLeader() {
    return raft.isLeader();
  }

  @Override
  public void close() {
    raft.close();
    publication.close();
  }
}
