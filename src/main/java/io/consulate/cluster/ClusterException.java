package io.consulate.cluster;

/** A cluster operation that failed for a reason the caller should see as is (Consul answers 500 with it). */
public class ClusterException extends RuntimeException {
  public ClusterException(String message) {
    super(message, null, false, false);
  }
}
