package io.consulate.cluster;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A server's view while it is still joining its LAN: the agent already answers HTTP and DNS (a harness that
 * gives an agent a few seconds to answer does not wait for the cluster), and reports itself alone, with no
 * leader. Once the LAN is joined ({@link #joined}) every question goes to the clustered view; membership
 * operations asked meanwhile wait for it.
 */
public final class JoiningCluster implements ClusterView {
  private final Member self;
  private final long since = System.currentTimeMillis();
  private final CompletableFuture<ClusterView> ready = new CompletableFuture<>();
  private volatile ClusterView delegate;

  public JoiningCluster(Member self) {
    this.self = self;
  }

  /** From now on this view is {@code view}'s. */
  public void joined(ClusterView view) {
    delegate = view;
    ready.complete(view);
  }

  @Override
  public List<Member> members() {
    ClusterView d = delegate;
    return d != null ? d.members() : List.of(self);
  }

  @Override
  public String leader() {
    ClusterView d = delegate;
    return d != null ? d.leader() : "";
  }

  @Override
  public List<String> peers() {
    ClusterView d = delegate;
    return d != null ? d.peers() : List.of();
  }

  @Override
  public boolean knownLeader() {
    ClusterView d = delegate;
    return d != null && d.knownLeader();
  }

  @Override
  public boolean isLeader() {
    ClusterView d = delegate;
    return d != null && d.isLeader();
  }

  @Override
  public long lastContactMillis() {
    ClusterView d = delegate;
    return d != null ? d.lastContactMillis() : System.currentTimeMillis() - since;
  }

  @Override
  public CompletionStage<Void> join(String address) {
    return ready.thenCompose(d -> d.join(address));
  }

  @Override
  public CompletionStage<Void> forceLeave(String node) {
    return ready.thenCompose(d -> d.forceLeave(node));
  }

  @Override
  public void forget(String node) {
    ClusterView d = delegate;
    if (d != null) d.forget(node);
  }

  @Override
  public CompletionStage<Void> leave() {
    return ready.thenCompose(ClusterView::leave);
  }
}
