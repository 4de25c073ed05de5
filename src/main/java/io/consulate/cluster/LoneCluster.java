package io.consulate.cluster;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The cluster of a lone agent: itself, alive and leader. It has no cluster port, so it cannot join others. */
public final class LoneCluster implements ClusterView {
  private final Member self;

  public LoneCluster(Member self) {
    this.self = self;
  }

  @Override
  public List<Member> members() {
    return List.of(self);
  }

  @Override
  public String leader() {
    return self.serverAddress();
  }

  @Override
  public List<String> peers() {
    return List.of(self.serverAddress());
  }

  @Override
  public boolean knownLeader() {
    return true;
  }

  @Override
  public boolean isLeader() {
    return true;
  }

  @Override
  public long lastContactMillis() {
    return 0;
  }

  @Override
  public CompletionStage<Void> join(String address) {
    return CompletableFuture.failedFuture(new ClusterException("this agent runs alone (no -retry-join, -join, "
        + "-bootstrap-expect or -serf-lan-port was given), so it has no cluster port to join " + address + " with"));
  }

  @Override
  public CompletionStage<Void> forceLeave(String node) {
    return CompletableFuture.failedFuture(new ClusterException("agent: No node found with name '" + node + "'"));
  }

  @Override
  public CompletionStage<Void> leave() {
    return CompletableFuture.completedFuture(null);
  }
}
