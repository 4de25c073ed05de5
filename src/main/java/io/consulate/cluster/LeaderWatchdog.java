package io.consulate.cluster;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.jgroups.Address;
import org.jgroups.JChannel;
import org.jgroups.View;
import org.jgroups.ViewId;
import org.jgroups.protocols.raft.ELECTION;
import org.jgroups.protocols.raft.RAFT;

/**
 * Watches this server's view of the leader twice a second, for two gaps in jgroups-raft 1.0.11:
 * <ul>
 *   <li>It elects only on a view change, and an election can end with no server leading: in a manual partition
 *   test the majority's servers ended up one with no leader and the other naming the first as leader, and with
 *   no further view change they stayed so for minutes. So a server in a view that holds a majority and knows no
 *   leader in it starts a vote itself once the view has stayed put for a second (the coordinator) or two (the
 *   others). A vote is Raft's own: a new term, and the most up-to-date log of the majority wins.</li>
 *   <li>A write handed to a leader that then dies or is cut off is never answered. Once this server sees another
 *   leader (or none), such writes fail with "leadership lost while committing log" rather than waiting out the
 *   timeout, so clients retry as soon as the failover is over.</li>
 * </ul>
 */
final class LeaderWatchdog implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LeaderWatchdog.class.getName());
  private static final long PASS_MILLIS = 500;
  /** Leaderless passes before a vote: the view's coordinator first, any other server later. */
  private static final int COORDINATOR_PASSES = 2;
  private static final int MEMBER_PASSES = 4;

  private final JChannel channel;
  private final RAFT raft;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "raft-leader-watchdog");
    t.setDaemon(true);
    return t;
  });
  /** Writes handed to a leader and not answered yet, with that leader. */
  private final Map<CompletableFuture<byte[]>, Address> inFlight = new ConcurrentHashMap<>();
  /** Consecutive passes that found this server's majority view, unchanged, without a known leader. */
  private int leaderlessPasses;
  private ViewId watchedView;

  LeaderWatchdog(JChannel channel, RAFT raft) {
    this.channel = channel;
    this.raft = raft;
    timer.scheduleWithFixedDelay(this::pass, PASS_MILLIS, PASS_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Remembers a write sent to {@code leader} until it is answered. */
  void sent(CompletableFuture<byte[]> write, Address leader) {
    if (leader == null) return;
    inFlight.put(write, leader);
    write.whenComplete((r, e) -> inFlight.remove(write));
  }

  private void pass() {
    try {
      Address leader = raft.leader();
      inFlight.forEach((write, sentTo) -> {
        if (!sentTo.equals(leader)) write.completeExceptionally(new LeadershipLostException());
      });
      View view = channel.getView();
      if (view == null || view.size() < raft.majority() || (leader != null && view.containsMember(leader))
          || !view.getViewId().equals(watchedView)) {
        // A new view gets the library's own election first; the watchdog acts only on a view that stays put.
        watchedView = view == null ? null : view.getViewId();
        leaderlessPasses = 0;
        return;
      }
      boolean coordinator = channel.getAddress() != null && channel.getAddress().equals(view.getCoord());
      if (++leaderlessPasses >= (coordinator ? COORDINATOR_PASSES : MEMBER_PASSES)) {
        ELECTION election = channel.getProtocolStack().findProtocol(ELECTION.class);
        if (!election.isVotingThreadRunning()) {
          LOG.info("no leader in a view with a majority of the servers " + view + "; starting a vote");
          election.startVotingThread();
        }
        leaderlessPasses = 0;
      }
    } catch (RuntimeException e) {
      LOG.fine("leader watchdog pass failed: " + e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
