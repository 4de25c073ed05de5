package io.consulate.cluster;

import java.util.concurrent.CompletableFuture;

/**
 * Where an encoded write goes to be ordered: the Raft group on a server ({@link RaftNode}), a server's link on a
 * client ({@link LinkClient}). Completes with the leader's answer, or fails with a {@link ClusterException}.
 */
public interface Replicator {
  CompletableFuture<byte[]> replicate(byte[] command);
}
