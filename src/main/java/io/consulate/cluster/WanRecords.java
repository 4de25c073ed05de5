package io.consulate.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.jgroups.Address;

/**
 * What the WAN pool knows of the servers of every datacenter, by name ({@code node.dc}): alive while its address is
 * in the pool's view, failed when it dropped out, left when it said goodbye. A failed or left server is forgotten
 * after the reconnect timeout, so a decommissioned datacenter ends up unknown. Views and announcements arrive on
 * different JGroups threads: every change takes this object's lock, so a record's status always agrees with the
 * latest view.
 */
final class WanRecords {
  private static final Logger LOG = Logger.getLogger(WanRecords.class.getName());

  record Record(Address address, Member member) {}

  private final String selfName;
  private final Map<String, Record> byName = new HashMap<>();
  private Set<Address> view = Set.of();
  /** Servers whose port refused a connection, until the time given: passed over until the pool decides. */
  private final Map<Address, Long> suspectedUntil = new HashMap<>();

  WanRecords(String selfName) {
    this.selfName = selfName;
  }

  synchronized void view(Set<Address> members, long now) {
    view = new HashSet<>(members);
    suspectedUntil.clear();
    byName.replaceAll((name, r) -> {
      boolean in = view.contains(r.address());
      int status = r.member().status();
      if (in && status != Member.ALIVE) {
        LOG.info("WAN pool: " + name + " is alive again");
        return new Record(r.address(), r.member().withStatus(Member.ALIVE, now));
      }
      if (!in && status == Member.ALIVE) {
        LOG.info("WAN pool: " + name + " failed");
        return new Record(r.address(), r.member().withStatus(Member.FAILED, now));
      }
      return r;
    });
  }

  synchronized void learn(Address from, Member m, long now) {
    int status = view.contains(from) ? Member.ALIVE : Member.FAILED;
    Record before = byName.put(m.name(), new Record(from, m.withStatus(status, now)));
    if (before == null && !m.name().equals(selfName)) LOG.info("WAN pool: " + m.name() + " joined");
  }

  synchronized void left(String name, long now) {
    Record r = byName.get(name);
    if (r == null || r.member().status() == Member.LEFT) return;
    byName.put(name, new Record(r.address(), r.member().withStatus(Member.LEFT, now)));
    LOG.info("WAN pool: " + name + " left");
  }

  /** Forgets servers failed or left for longer than {@code reconnectMillis}. */
  synchronized void reap(long now, long reconnectMillis) {
    byName.values().removeIf(r -> r.member().status() != Member.ALIVE && now - r.member().since() > reconnectMillis);
  }

  synchronized void suspect(Address a, long until) {
    suspectedUntil.put(a, until);
  }

  synchronized List<Member> members() {
    List<Member> out = new ArrayList<>();
    for (Record r : byName.values()) out.add(r.member());
    out.sort(Comparator.comparing(Member::name));
    return out;
  }

  /** The datacenters of the servers that have not left. */
  synchronized Set<String> datacenters() {
    Set<String> out = new HashSet<>();
    for (Record r : byName.values()) if (r.member().status() != Member.LEFT) out.add(r.member().datacenter());
    return out;
  }

  /** Whether a server of {@code dc} that has not left is known. */
  synchronized boolean knows(String dc) {
    for (Record r : byName.values()) {
      if (r.member().datacenter().equalsIgnoreCase(dc) && r.member().status() != Member.LEFT) return true;
    }
    return false;
  }

  /** The alive, unsuspected servers of {@code dc} (every datacenter's for null). */
  synchronized List<Record> alive(String dc, long now) {
    List<Record> out = new ArrayList<>();
    for (Record r : byName.values()) {
      if ((dc == null || r.member().datacenter().equalsIgnoreCase(dc)) && r.member().status() == Member.ALIVE
          && suspectedUntil.getOrDefault(r.address(), 0L) < now) {
        out.add(r);
      }
    }
    return out;
  }
}
