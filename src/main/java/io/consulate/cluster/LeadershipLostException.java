package io.consulate.cluster;

/**
 * A write whose leader stopped leading before it answered: it may or may not have been committed (Consul
 * answers 500 with the same words). Clients retry, as they do after "No cluster leader".
 */
public final class LeadershipLostException extends ClusterException {
  public LeadershipLostException() {
    super("leadership lost while committing log");
  }
}
