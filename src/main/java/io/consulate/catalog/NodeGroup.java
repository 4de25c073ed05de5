package io.consulate.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One node with everything registered on it, by id: the unit a snapshot update patches. A write touches one
 * node (or a few); their maps are copied and patched with the changed keys only, nothing is re-read or re-sorted.
 */
record NodeGroup(Node node, SortedMap<String, ServiceInstance> services, SortedMap<String, HealthCheck> checks,
    List<ServiceInstance> serviceList, List<HealthCheck> checkList, List<HealthCheck> nodeChecks,
    Map<String, List<HealthCheck>> checksByService) {

  static final NodeGroup NONE = of(null, new TreeMap<>(), new TreeMap<>());

  /**
   * This group with {@code node} as its node entry and the changed keys of this node applied from
   * {@code entries} (an absent key was removed).
   */
  NodeGroup patch(Node node, NavigableMap<String, Object> entries, Collection<String> changedKeys) {
    TreeMap<String, ServiceInstance> nextServices = null;
    TreeMap<String, HealthCheck> nextChecks = null;
    for (String key : changedKeys) {
      String id = EntryKeys.idOf(key);
      if (id == null) continue;
      Object v = entries.get(key);
      if (key.startsWith(EntryKeys.SERVICE_PREFIX)) {
        if (nextServices == null) nextServices = new TreeMap<>(services);
        if (v instanceof ServiceInstance s) nextServices.put(id, s);
        else nextServices.remove(id);
      } else if (key.startsWith(EntryKeys.CHECK_PREFIX)) {
        if (nextChecks == null) nextChecks = new TreeMap<>(checks);
        if (v instanceof HealthCheck c) nextChecks.put(id, c);
        else nextChecks.remove(id);
      }
    }
    if (nextServices == null && nextChecks == null) {
      return new NodeGroup(node, services, checks, serviceList, checkList, nodeChecks, checksByService);
    }
    return of(node, nextServices != null ? nextServices : services, nextChecks != null ? nextChecks : checks);
  }

  private static NodeGroup of(Node node, SortedMap<String, ServiceInstance> services,
      SortedMap<String, HealthCheck> checks) {
    List<HealthCheck> nodeChecks = new ArrayList<>();
    Map<String, List<HealthCheck>> byService = new HashMap<>();
    for (HealthCheck c : checks.values()) {
      if (c.isNodeCheck()) nodeChecks.add(c);
      else byService.computeIfAbsent(c.serviceId(), k -> new ArrayList<>()).add(c);
    }
    return new NodeGroup(node, Collections.unmodifiableSortedMap(services), Collections.unmodifiableSortedMap(checks),
        List.copyOf(services.values()), List.copyOf(checks.values()), List.copyOf(nodeChecks), byService);
  }

  /** Node checks first, then the instance's own: what counts against it. */
  ServiceHealth health(ServiceInstance s) {
    List<HealthCheck> all = new ArrayList<>(nodeChecks);
    all.addAll(checksByService.getOrDefault(s.id(), List.of()));
    return ServiceHealth.of(node, s, all);
  }
}
