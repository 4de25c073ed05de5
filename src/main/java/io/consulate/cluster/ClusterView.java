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

  /** Whether this agent is the leader: its reads are current without asking anyone. */
  boolean isLeader();

  /** Milliseconds since this agent last knew a leader; 0 while it knows one (Consul's LastContact). */
  long lastContactMillis();

  /** Contacts another agent ({@code host[:port]}) so the two clusters merge. */
  CompletionStage<Void> join(String address);

  /** Marks a failed member as left; the leader then removes its node from the catalog. */
  CompletionStage<Void> forceLeave(String node);

  /** Drops the record of a member that was reaped from the catalog. */
  default void forget(String node) {}

  /** Records that this agent leaves on purpose, so the others do not treat its departure as a failure. */
  CompletionStage<Void> leave();
}
