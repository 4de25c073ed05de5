package io.consulate.cluster;

import java.util.List;
import java.util.function.Supplier;

/**
 * Whether a write of a given format version may go to the log now. Every agent replays the log (servers apply
 * it, clients mirror it), so a format is written only once this agent's {@code -protocol} allows it and every
 * member that may still read the log (all but those that left) speaks it: during a rolling upgrade the new
 * version writes what the old one reads, as Consul gates new features on its servers' {@code vsn} tags.
 */
public final class ProtocolGate {
  /** The format versions this build reads and can write: Consul's {@code -protocol} range. */
  public static final int MIN = 2;
  public static final int MAX = 3;
  /** For a store without a cluster (tests, tools): every format this build writes. */
  public static final ProtocolGate OPEN = new ProtocolGate(MAX, List::of);

  private final int own;
  private final Supplier<List<Member>> members;

  public ProtocolGate(int own, Supplier<List<Member>> members) {
    this.own = own;
    this.members = members;
  }

  /** Why a write needing protocol {@code needed} may not go now, in one line; null when it may. */
  public String refusal(int needed) {
    if (needed <= MIN) return null;
    if (own < needed) {
      return "this write needs protocol " + needed + ", and this agent runs with -protocol " + own
          + ": restart it without -protocol once every agent runs this version";
    }
    for (Member m : members.get()) {
      if (m.status() != Member.LEFT && m.protocol() < needed) {
        return "this write needs protocol " + needed + " on every agent, and " + m.name() + " speaks protocol "
            + m.protocol() + ": finish the upgrade first (and restart agents started with -protocol "
            + m.protocol() + " without it)";
      }
    }
    return null;
  }
}
