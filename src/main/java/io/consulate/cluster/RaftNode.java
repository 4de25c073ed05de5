package io.consulate.cluster;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jgroups.Address;
import org.jgroups.Event;
import org.jgroups.JChannel;
import org.jgroups.PhysicalAddress;
import org.jgroups.protocols.raft.InMemoryLog;
import org.jgroups.protocols.raft.RaftLeaderException;
import org.jgroups.raft.RaftHandle;
import org.jgroups.raft.StateMachine;
import org.jgroups.stack.IpAddress;

/**
 * This server's member of the Raft group (jgroups-raft on its own JGroups channel, the server RPC port). A
 * write is handed to {@link #replicate}: on the leader it is appended to the log, on a follower REDIRECT
 * forwards it to the leader; it completes with what the leader's state machine answered, once a majority has
 * the entry. The leader is elected only among a majority of the servers, so a server cut off with a minority
 * neither leads nor commits, and its writes fail with {@link NoLeaderException}.
 */
public final class RaftNode implements Replicator, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(RaftNode.class.getName());
  /** How long a write may wait for the leader's answer: a leader that died with it leaves it unanswered. */
  static final long WRITE_TIMEOUT_MILLIS = 7_000;

  private final JChannel channel;
  private final RaftHandle handle;
  private final RaftSettings settings;
  private final String logName;
  private volatile long leaderSeenAt;
  private final LeaderWatchdog watchdog;

  private RaftNode(JChannel channel, RaftHandle handle, RaftSettings settings, String logName) {
    this.channel = channel;
    this.handle = handle;
    this.settings = settings;
    this.logName = logName;
    this.watchdog = new LeaderWatchdog(channel, handle.raft());
  }

  /**
   * Connects to the group and replays the local log into {@code stateMachine}; blocks (discovery, reading the
   * log), so call it off the event loop. {@code cluster} names the group (one per datacenter).
   */
  public static RaftNode start(RaftSettings settings, String cluster, StateMachine stateMachine) throws Exception {
    JChannel channel = new JChannel(new ByteArrayInputStream(RaftStack.render(settings).getBytes()));
    channel.setName(settings.raftId());
    RaftHandle handle = new RaftHandle(channel, stateMachine);
    // A lone server's loopback transport is JVM-wide: a group name of its own keeps it alone.
    channel.connect(settings.lone() ? cluster + "-" + UUID.randomUUID() : cluster);
    return new RaftNode(channel, handle, settings, handle.raft().logName());
  }

  /**
   * Replicates one command; completes with the leader's answer, or fails with {@link NoLeaderException}, or with
   * "leadership lost" when the leader it went to is no longer the leader before answering (the write may or may
   * not have been committed, as with Consul's error of that name).
   */
  @Override
  public CompletableFuture<byte[]> replicate(byte[] command) {
    Address sentTo = handle.leader();
    CompletableFuture<byte[]> sent;
    try {
      sent = handle.setAsync(command, 0, command.length);
    } catch (Exception e) {
      return translated(e); // no leader known, or not leader any more
    }
    watchdog.sent(sent, sentTo);
    return sent.orTimeout(WRITE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).exceptionallyCompose(RaftNode::translated);
  }

  private static CompletableFuture<byte[]> translated(Throwable err) {
    Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
    if (cause instanceof LeadershipLostException) return CompletableFuture.failedFuture(cause);
    if (cause instanceof TimeoutException) {
      return CompletableFuture.failedFuture(new ClusterException("timed out waiting for the leader to commit the write"));
    }
    if (cause instanceof IllegalStateException || cause instanceof RaftLeaderException) {
      LOG.fine("write refused: " + cause.getMessage());
      return CompletableFuture.failedFuture(new NoLeaderException());
    }
    LOG.log(Level.WARNING, "write failed in the Raft log", cause);
    return CompletableFuture.failedFuture(new ClusterException("write failed: " + cause));
  }

  public boolean isLeader() {
    return handle.isLeader();
  }

  /** Whether a leader is known to this server right now. */
  public boolean knownLeader() {
    return handle.leader() != null;
  }

  /**
   * How long no leader has been known: 0 while one is (the failure detector keeps watching it), else the time
   * since a leader was last seen. Membership asks twice a second, which keeps it accurate to that.
   */
  public long millisWithoutLeader() {
    long now = System.currentTimeMillis();
    if (knownLeader()) {
      leaderSeenAt = now;
      return 0;
    }
    return leaderSeenAt == 0 ? 0 : now - leaderSeenAt;
  }

  /** The leader's server RPC address {@code ip:port}, or empty when no leader is known. */
  public String leaderAddress() {
    Address leader = handle.leader();
    if (leader == null) return "";
    if (settings.lone()) return settings.bindAddr() + ":" + settings.port();
    Object physical = channel.down(new Event(Event.GET_PHYSICAL_ADDRESS, leader));
    if (physical instanceof IpAddress ip) return ip.getIpAddress().getHostAddress() + ":" + ip.getPort();
    return physical instanceof PhysicalAddress p ? p.printIpAddress() : "";
  }

  /**
   * Adds a server RPC address ({@code host:port}) for discovery to contact: servers learn each other's (possibly
   * changed) addresses from the member records, and MERGE3 then joins what discovery finds.
   */
  public void addServerAddress(String hostPort) {
    if (settings.lone() || hostPort == null || hostPort.isEmpty()) return;
    JGroupsStack.addInitialHost(channel, hostPort);
  }

  /** The ids of the servers of the group, as the log has them. */
  public List<String> members() {
    return handle.raft().members();
  }

  /** Adds a server to the group through the log; only the leader may. */
  public CompletableFuture<Void> addServer(String raftId) {
    try {
      return handle.addServer(raftId).thenApply(x -> null);
    } catch (Exception e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Writes the state to a snapshot now and truncates the log behind it (otherwise done every 8 MB of log). */
  public void snapshot() throws Exception {
    handle.snapshot();
  }

  /** The Raft channel itself: tests insert fault injection (DISCARD) into its stack. */
  public JChannel channel() {
    return channel;
  }

  @Override
  public void close() {
    watchdog.close();
    channel.close();
    if (settings.logDir() == null) InMemoryLog.logs.remove(logName);
    LOG.fine("raft channel closed");
  }
}
