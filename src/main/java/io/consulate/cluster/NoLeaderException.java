package io.consulate.cluster;

/** A write refused because this agent cannot reach a cluster leader (minority partition, not bootstrapped). */
public final class NoLeaderException extends ClusterException {
  public NoLeaderException() {
    super("No cluster leader");
  }
}
