package io.consulate.cluster;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The cluster of a lone agent (no {@code -server}, nothing to join, or {@code -dev}): itself, alive and leader.
 * Told to join, it becomes a client of the servers there, as Consul's agents can join at any time: from then
 * on this view is the client's.
 */
public final class LoneCluster implements ClusterView {
  private final Member self;
  private final Function<String, CompletionStage<ClusterView>> becomeClient;
  private volatile ClusterView joined;

  /** {@code becomeClient} turns the agent into a client linked to the given address, once. */
  public LoneCluster(Member self, Function<String, CompletionStage<ClusterView>> becomeClient) {
    this.self = self;
    this.becomeClient = becomeClient;
  }

  @Override
  public List<Member> members() {
    ClusterView j = joined;
    return j != null ? j.members() : List.of(self);
  }

  @Override
  public String leader() {
    ClusterView j = joined;
    return j != null ? j.leader() : self.serverAddress();
  }

  @Override
  public List<String> peers() {
    ClusterView j = joined;
    return j != null ? j.peers() : List.of(self.serverAddress());
  }

  @Override
  public boolean knownLeader() {
    ClusterView j = joined;
    return j == null || j.knownLeader();
  }

  @Override
  public boolean isLeader() {
    return joined == null;
  }

  @Override
  public long lastContactMillis() {
    ClusterView j = joined;
    return j == null ? 0 : j.lastContactMillis();
  }

  @Override
  public synchronized CompletionStage<Void> join(String address) {
    ClusterView j = joined;
    if (j != null) return j.join(address);
    return becomeClient.apply(address).thenAccept(view -> joined = view);
  }

  @Override
  public CompletionStage<Void> forceLeave(String node) {
    ClusterView j = joined;
    return j != null ? j.forceLeave(node)
        : CompletableFuture.failedFuture(new ClusterException("agent: No node found with name '" + node + "'"));
  }

  @Override
  public CompletionStage<Void> leave() {
    ClusterView j = joined;
    return j != null ? j.leave() : CompletableFuture.completedFuture(null);
  }
}
