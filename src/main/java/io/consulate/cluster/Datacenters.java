package io.consulate.cluster;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The datacenters this agent can reach, and the way a request for one of them travels there: a server's WAN
 * pool, a client's servers, or nothing but itself for an agent that is in no WAN pool.
 */
public interface Datacenters {
  /** Every datacenter known, this one included, nearest first. */
  List<String> nearestFirst();

  /** Has a server of {@code dc} answer {@code request}; fails with Consul's error when none can. */
  CompletionStage<ForwardedReply> forward(String dc, ForwardedRequest request, long timeoutMillis);

  /**
   * The servers of every datacenter, named {@code node.dc} (Consul's {@code members -wan}); null for an agent in no
   * WAN pool, which Consul's clients answer as JSON {@code null}.
   */
  List<Member> wanMembers();

  /** Contacts a server of another datacenter ({@code host[:serf WAN port]}) so the WAN pools merge. */
  CompletionStage<Void> joinWan(String address);

  /** An agent that knows only its own datacenter; a WAN join is refused with {@code whyNoWan}. */
  static Datacenters only(String local, String whyNoWan) {
    return new Datacenters() {
      public List<String> nearestFirst() {
        return List.of(local);
      }

      public CompletionStage<ForwardedReply> forward(String dc, ForwardedRequest request, long timeoutMillis) {
        return CompletableFuture.failedFuture(new ClusterException(DatacenterErrors.NO_PATH));
      }

      public List<Member> wanMembers() {
        return null;
      }

      public CompletionStage<Void> joinWan(String address) {
        return CompletableFuture.failedFuture(new ClusterException(whyNoWan));
      }
    };
  }
}
