package io.consulate.cluster;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * What the agent and status endpoints need to know about the cluster: its members, its leader, and the
 * membership operations. A lone agent is a cluster of one that is its own leader.
 */
public interface ClusterView {
  /** Every member the cluster remembers, with live status (alive, left, failed). */
  List<Member> members();

  /** The leader's server address ({@code ip:8300}), or empty when no leader is known. */
  String leader();

  /** The server addresses of the live servers. */
  List<String> peers();

  boolean knownLeader();

  /** Contacts another agent ({@code host[:port]}) so the two clusters merge. */
  CompletionStage<Void> join(String address);

  /** Marks a failed member as left and removes its node from the catalog. */
  CompletionStage<Void> forceLeave(String node);

  /** Records that this agent leaves on purpose, so the others do not treat its departure as a failure. */
  CompletionStage<Void> leave();
}
