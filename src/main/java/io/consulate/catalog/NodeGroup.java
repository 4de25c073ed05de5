package io.consulate.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One node with everything registered on it, by id: the unit a snapshot update rebuilds. A write touches one
 * node (or a few), so only their groups, and the services they carry, are recomputed.
 */
record NodeGroup(Node node, SortedMap<String, ServiceInstance> services, SortedMap<String, HealthCheck> checks,
    List<ServiceInstance> serviceList, List<HealthCheck> checkList, List<HealthCheck> nodeChecks,
    Map<String, List<HealthCheck>> checksByService) {

  /** The group of {@code node} from the stored entries under its key prefixes. */
  static NodeGroup read(Node node, NavigableMap<String, Object> entries) {
    String lower = EntryKeys.lower(node.name());
    SortedMap<String, ServiceInstance> services = new TreeMap<>();
    for (Object v : prefix(entries, EntryKeys.SERVICE_PREFIX + lower + "/").values()) {
      if (v instanceof ServiceInstance s) services.put(s.id(), s);
    }
    SortedMap<String, HealthCheck> checks = new TreeMap<>();
    List<HealthCheck> nodeChecks = new ArrayList<>();
    Map<String, List<HealthCheck>> byService = new HashMap<>();
    for (Object v : prefix(entries, EntryKeys.CHECK_PREFIX + lower + "/").values()) {
      if (v instanceof HealthCheck c) checks.put(c.checkId(), c);
    }
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

  private static NavigableMap<String, Object> prefix(NavigableMap<String, Object> entries, String prefix) {
    return entries.subMap(prefix, true, prefix + Character.MAX_VALUE, false);
  }
}
