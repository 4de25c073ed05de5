package io.consulate.ui;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.ServiceInstance;
import io.consulate.store.SnapshotPublisher;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The last {@value #CAPACITY} catalog changes: nodes and services registered and deregistered, checks that
 * changed state, maintenance turned on (with its reason) and off. Built by comparing each published snapshot with the one before it, only on the entries its
 * update touched (see {@link Touched}), so a write costs the size of what it changed, not of the catalog.
 */
final class ChangeFeed {
  static final int CAPACITY = 500;
  /** The type of the check that puts a node or a service in maintenance: its coming and going are reported. */
  private static final String MAINTENANCE = "maintenance";

  private final Clock clock;
  /** When this feed (this agent's run) began: its change numbers mean something only with it. */
  private final long boot;
  private final ArrayDeque<Change> recent = new ArrayDeque<>();
  private CatalogSnapshot previous;
  private long seq;

  ChangeFeed(SnapshotPublisher<CatalogSnapshot> snapshots, Clock clock) {
    this.clock = clock;
    this.boot = clock.millis();
    // Subscribed first, under the lock a publication needs: none is lost between the two.
    synchronized (this) {
      snapshots.subscribe(this::publish);
      this.previous = snapshots.current();
    }
  }

  /** The changes after {@code afterSeq}, oldest first; at most {@code limit}, the newest ones. */
  synchronized List<Change> since(long afterSeq, int limit) {
    List<Change> out = new ArrayList<>();
    for (Change c : recent) if (c.seq() > afterSeq) out.add(c);
    return out.size() <= limit ? out : List.copyOf(out.subList(out.size() - limit, out.size()));
  }

  long boot() {
    return boot;
  }

  synchronized long lastSeq() {
    return seq;
  }

  private synchronized void publish(CatalogSnapshot next) {
    CatalogSnapshot before = previous;
    previous = next;
    Touched touched = Touched.between(before, next);
    long index = next.index();
    for (String node : touched.nodes()) {
      if (before.node(node) == null && next.node(node) != null) {
        add(index, "node-registered", next.node(node).name(), null, null, null, null, null);
      }
    }
    for (Touched.Instance i : touched.instances()) {
      ServiceInstance was = before.service(i.node(), i.id());
      ServiceInstance is = next.service(i.node(), i.id());
      if (was == null && is != null) add(index, "registered", is.node(), is.name(), is.id(), null, null, null);
      if (was != null && is == null) add(index, "deregistered", was.node(), was.name(), was.id(), null, null, null);
    }
    for (Touched.Instance c : touched.checks()) {
      HealthCheck was = before.check(c.node(), c.id());
      HealthCheck is = next.check(c.node(), c.id());
      if (was != null && is != null && was.status() != is.status()) {
        add(index, "health", is.node(), is.serviceName(), is.serviceId(), is.name(), was.status().wire(), is.status().wire());
      } else if (before.node(c.node()) == null || next.node(c.node()) == null) {
        continue; // a node that came or went is reported as such, not check by check
      } else if (was == null && is != null && is.type().equals(MAINTENANCE)) {
        add(index, "maintenance-on", is.node(), is.serviceName(), is.serviceId(), is.name(), null, is.notes());
      } else if (was != null && is == null && was.type().equals(MAINTENANCE)) {
        add(index, "maintenance-off", was.node(), was.serviceName(), was.serviceId(), was.name(), null, null);
      }
    }
    for (String node : touched.nodes()) {
      if (before.node(node) != null && next.node(node) == null) {
        add(index, "node-deregistered", before.node(node).name(), null, null, null, null, null);
      }
    }
  }

  private void add(long index, String kind, String node, String service, String serviceId, String check, String from,
      String to) {
    recent.addLast(new Change(++seq, index, clock.millis(), kind, node, service, serviceId, check, from, to));
    if (recent.size() > CAPACITY) recent.removeFirst();
  }
}
