package io.consulate.cluster;

import java.util.List;

/**
 * A server's place in the WAN pool (Consul's serf WAN), which the servers of every datacenter share.
 *
 * @param serfWanPort the WAN pool's JGroups TCP port (8302; FD_SOCK2 also binds this port + 100)
 * @param join the servers of other datacenters to contact, {@code host} or {@code host:port} ({@code -join-wan},
 *     {@code -retry-join-wan}, {@code retry_join_wan}, {@code start_join_wan})
 * @param encrypt the {@code encrypt} key the pool's traffic and joins are protected with, or {@link GossipKey#NONE}
 */
public record WanSettings(int serfWanPort, List<String> join, GossipKey encrypt) {
  public static final int DEFAULT_SERF_WAN_PORT = 8302;

  public WanSettings {
    join = List.copyOf(join);
  }

  /** A port of 0 or less turns the WAN off, as in Consul: the server is in no pool and reaches no other datacenter. */
  public boolean enabled() {
    return serfWanPort > 0;
  }
}
