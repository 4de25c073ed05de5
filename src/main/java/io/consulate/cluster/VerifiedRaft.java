package io.consulate.cluster;

import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.raft.Leader;
import org.jgroups.protocols.raft.RAFT;
import org.jgroups.protocols.raft.RaftImpl;
import org.jgroups.protocols.raft.Role;

/**
 * jgroups-raft's RAFT protocol with {@link VerifiedFollower} as its follower role; everything else is the
 * library's. Registered under a protocol id of its own (headers are keyed by it), the same on every server.
 */
public class VerifiedRaft extends RAFT {
  /** Above JGroups' and jgroups-raft's ids (custom ids start at 512; jgroups-raft takes 520 and up). */
  private static final short PROTOCOL_ID = 1900;

  static {
    ClassConfigurator.addProtocol(PROTOCOL_ID, VerifiedRaft.class);
  }

  public VerifiedRaft() {
    impl = new VerifiedFollower(this);
  }

  @Override
  protected RAFT changeRole(Role role) {
    RaftImpl next = role == Role.Leader ? new Leader(this) : new VerifiedFollower(this);
    RaftImpl previous = impl;
    if (previous == null || !previous.getClass().equals(next.getClass())) {
      if (previous != null) previous.destroy();
      next.init();
      impl = next;
      notifyRoleChangeListeners(role);
    }
    return this;
  }
}
