package io.consulate.ui;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.Node;
import io.consulate.catalog.ServiceInstance;
import io.consulate.store.SnapshotPublisher;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The last {@value #CAPACITY} catalog changes: nodes and services registered and deregistered, checks that
 * changed state. Built by comparing each published snapshot with the one before it, only on the nodes its
 * update touched, so a write costs the size of what it changed, not of the catalog.
 */
final class ChangeFeed {
  static final int CAPACITY = 500;

  private final Clock clock;
  private final ArrayDeque<Change> recent = new ArrayDeque<>();
  private CatalogSnapshot previous;
  private long seq;

  ChangeFeed(SnapshotPublisher<CatalogSnapshot> snapshots, Clock clock) {
    this.clock = clock;
    this.previous = snapshots.current();
    snapshots.subscribe(this::publish);
  }

  /** The changes after {@code afterSeq}, oldest first; at most {@code limit}, the newest ones. */
  synchronized List<Change> since(long afterSeq, int limit) {
    List<Change> out = new ArrayList<>();
    for (Change c : recent) if (c.seq() > afterSeq) out.add(c);
    return out.size() <= limit ? out : List.copyOf(out.subList(out.size() - limit, out.size()));
  }

  synchronized long lastSeq() {
    return seq;
  }

  private synchronized void publish(CatalogSnapshot next) {
    CatalogSnapshot before = previous;
    previous = next;
    for (String node : next.touchedNodes()) diffNode(before, next, node);
  }

  private void diffNode(CatalogSnapshot before, CatalogSnapshot after, String node) {
    long index = after.index();
    Node was = before.node(node);
    Node is = after.node(node);
    if (was == null && is != null) add(index, "node-registered", is.name(), null, null, null, null, null);
    Map<String, ServiceInstance> oldServices = byKey(before.servicesOnNode(node), ServiceInstance::id);
    Map<String, ServiceInstance> newServices = byKey(after.servicesOnNode(node), ServiceInstance::id);
    newServices.forEach((id, s) -> {
      if (!oldServices.containsKey(id)) add(index, "registered", s.node(), s.name(), id, null, null, null);
    });
    oldServices.forEach((id, s) -> {
      if (!newServices.containsKey(id)) add(index, "deregistered", s.node(), s.name(), id, null, null, null);
    });
    Map<String, HealthCheck> oldChecks = byKey(before.checksOnNode(node), HealthCheck::checkId);
    for (HealthCheck c : after.checksOnNode(node)) {
      HealthCheck old = oldChecks.get(c.checkId());
      if (old != null && old.status() != c.status()) {
        add(index, "health", c.node(), c.serviceName(), c.serviceId(), c.name(), old.status().wire(), c.status().wire());
      }
    }
    if (was != null && is == null) add(index, "node-deregistered", was.name(), null, null, null, null, null);
  }

  private void add(long index, String kind, String node, String service, String serviceId, String check, String from,
      String to) {
    recent.addLast(new Change(++seq, index, clock.millis(), kind, node, service, serviceId, check, from, to));
    if (recent.size() > CAPACITY) recent.removeFirst();
  }

  private static <T> Map<String, T> byKey(List<T> items, Function<T, String> key) {
    return items.stream().collect(Collectors.toMap(key, t -> t, (a, b) -> a));
  }
}
