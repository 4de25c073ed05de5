package io.consulate.cluster;

import java.time.Duration;
import java.util.List;

/**
 * How this agent takes part in a cluster. {@code enabled} is false for a lone agent: one that was given no
 * join address, no {@code -bootstrap-expect} and no serf port keeps its catalog in local caches and binds no
 * cluster port, so several lone agents (tests, the single-node scripts) run side by side on one host.
 *
 * @param bindAddr the address JGroups binds and advertises (Consul's {@code -bind})
 * @param serfLanPort the JGroups TCP port (Consul's serf LAN port, 8301); FD_SOCK2 also binds this port + 100
 * @param join the members to contact, {@code host} or {@code host:port} ({@code -retry-join}, {@code -join})
 * @param bootstrapExpect the number of servers that must be in the view before a leader is known
 * @param reconnectTimeout how long a failed member stays in the catalog before it is reaped
 * @param encrypt Consul's {@code encrypt}: the key every cluster stack and client link is protected with, or
 *     {@link GossipKey#NONE}
 */
public record ClusterSettings(boolean enabled, String bindAddr, int serfLanPort, List<String> join, int bootstrapExpect,
    Duration reconnectTimeout, GossipKey encrypt) {
  public static final int DEFAULT_SERF_LAN_PORT = 8301;

  public ClusterSettings {
    join = List.copyOf(join);
  }
}
