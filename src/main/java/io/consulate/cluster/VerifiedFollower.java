package io.consulate.cluster;

import org.jgroups.Address;
import org.jgroups.protocols.raft.AppendResult;
import org.jgroups.protocols.raft.Follower;
import org.jgroups.protocols.raft.Log;
import org.jgroups.protocols.raft.LogEntries;
import org.jgroups.protocols.raft.LogEntry;
import org.jgroups.protocols.raft.RAFT;

/**
 * A follower that commits only entries it knows to be the leader's (Raft's rule: commit up to
 * {@code min(leaderCommit, last entry matched against this leader)}). jgroups-raft 1.0.11's follower commits up to
 * the leader's commit index whatever its own log holds there, and its leader sends that index alone ("commit
 * messages") to followers it has not caught up yet. A server that led alone in a partition and appended entries
 * nobody else has would then apply those as committed when the new leader's commit message arrived: our chaos
 * run saw exactly that (a healed ex-leader serving values no one else had, and stuck on "cannot delete entries").
 * Here the commit index passed down is capped by what this leader's appends have verified, so such entries wait to
 * be overwritten instead.
 */
final class VerifiedFollower extends Follower {
  /** Highest index known to hold the same entry as the current leader's log. */
  private long verified;
  private Address verifiedLeader;
  private long verifiedTerm = -1;

  VerifiedFollower(RAFT raft) {
    super(raft);
  }

  @Override
  public AppendResult handleAppendEntriesRequest(LogEntries entries, Address leader, long prevIndex, long prevTerm,
      long entryTerm, long leaderCommit) {
    if (!leader.equals(verifiedLeader) || raft.currentTerm() != verifiedTerm) {
      // Committed entries are in every later leader's log; anything above them is unverified for a new leader.
      verifiedLeader = leader;
      verifiedTerm = raft.currentTerm();
      verified = raft.commitIndex();
    }
    if (entries != null && prevIndex + 1 > raft.commitIndex() && matches(prevIndex, prevTerm)) {
      verified = Math.max(verified, prevIndex + entries.size());
    }
    return super.handleAppendEntriesRequest(entries, leader, prevIndex, prevTerm, entryTerm,
        Math.min(leaderCommit, verified));
  }

  /** Raft's consistency check, as the superclass applies it before appending. */
  private boolean matches(long prevIndex, long prevTerm) {
    if (prevIndex == 0) return true;
    Log log = raft.log();
    LogEntry prev = log.get(prevIndex);
    return prev != null && prev.term() == prevTerm;
  }
}
