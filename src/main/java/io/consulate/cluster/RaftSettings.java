package io.consulate.cluster;

import java.nio.file.Path;
import java.util.List;

/**
 * How this server takes part in the Raft group.
 *
 * @param raftId this server's id in the group: its node name
 * @param members the ids of every server of the group, this one included; a majority of them elects the leader
 * @param bindAddr the address the server RPC port binds, and the one outgoing connections leave from
 * @param port the server RPC port (Consul's 8300)
 * @param servers the other servers' RPC addresses ({@code host:port}) to contact
 * @param logDir where the log and its snapshots live; null keeps them in memory
 * @param lone a server that is the whole group: no network, it elects itself at once
 * @param encrypt the {@code encrypt} key the group's traffic and joins are protected with, or {@link GossipKey#NONE}
 */
public record RaftSettings(String raftId, List<String> members, String bindAddr, int port, List<String> servers,
    Path logDir, boolean lone, GossipKey encrypt) {
  public RaftSettings {
    members = List.copyOf(members);
    servers = List.copyOf(servers);
  }

  /** A group of one that binds no port: the lone agent (and tests), persisted when {@code logDir} is given. */
  public static RaftSettings lone(String raftId, Path logDir) {
    return new RaftSettings(raftId, List.of(raftId), "127.0.0.1", 0, List.of(), logDir, true, GossipKey.NONE);
  }
}
