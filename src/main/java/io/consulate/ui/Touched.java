package io.consulate.ui;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.EntryKeys;
import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.ServiceInstance;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one published update may have changed, read from its keys: the nodes whose entry changed, the
 * instances whose registration or health may differ (every instance of a node when the node or one of its
 * node-level checks changed, as a node check counts against each of them), and the checks written.
 */
record Touched(Set<String> nodes, Set<Instance> instances, Set<Instance> checks) {
  /** A service instance or a check: its node (as keys hold it, lower-cased) and its id. */
  record Instance(String node, String id) {}

  static Touched between(CatalogSnapshot before, CatalogSnapshot next) {
    Set<String> nodes = new LinkedHashSet<>();
    Set<Instance> instances = new LinkedHashSet<>();
    Set<Instance> checks = new LinkedHashSet<>();
    for (String key : next.changedKeys()) {
      String node = EntryKeys.nodeOf(key);
      String id = EntryKeys.idOf(key);
      if (key.startsWith(EntryKeys.NODE_PREFIX)) {
        nodes.add(node);
        everyInstance(before, next, node, instances);
      } else if (key.startsWith(EntryKeys.SERVICE_PREFIX)) {
        instances.add(new Instance(node, id));
      } else if (key.startsWith(EntryKeys.CHECK_PREFIX)) {
        checks.add(new Instance(node, id));
        for (HealthCheck c : new HealthCheck[] {before.check(node, id), next.check(node, id)}) {
          if (c == null) continue;
          if (c.isNodeCheck()) everyInstance(before, next, node, instances);
          else instances.add(new Instance(node, c.serviceId()));
        }
      }
    }
    return new Touched(nodes, instances, checks);
  }

  private static void everyInstance(CatalogSnapshot before, CatalogSnapshot next, String node, Set<Instance> into) {
    for (List<ServiceInstance> on : List.of(before.servicesOnNode(node), next.servicesOnNode(node))) {
      for (ServiceInstance s : on) into.add(new Instance(node, s.id()));
    }
  }
}
