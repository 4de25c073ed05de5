package io.consulate.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import org.pcollections.PSortedMap;
import org.pcollections.TreePMap;

/**
 * One node with everything registered on it, by id: the unit a snapshot update patches. Its maps are persistent
 * (pcollections): a patch with the changed keys shares everything else with the previous group, so a write to a
 * node with n services costs O(log n), not a copy of all n. The checks are also kept by the service they count
 * against, and the node-level ones apart, so an instance's health is read without scanning the node's checks.
 */
record NodeGroup(Node node, PSortedMap<String, ServiceInstance> services, PSortedMap<String, HealthCheck> checks,
    PSortedMap<String, HealthCheck> nodeChecks, PMap<String, PSortedMap<String, HealthCheck>> checksByService) {

  static final NodeGroup NONE = new NodeGroup(null, TreePMap.empty(), TreePMap.empty(), TreePMap.empty(),
      HashTreePMap.empty());

  /**
   * This group with {@code node} as its node entry and the changed keys of this node applied from
   * {@code entries} (an absent key was removed).
   */
  NodeGroup patch(Node node, NavigableMap<String, Object> entries, Collection<String> changedKeys) {
    PSortedMap<String, ServiceInstance> nextServices = services;
    PSortedMap<String, HealthCheck> nextChecks = checks;
    PSortedMap<String, HealthCheck> nextNodeChecks = nodeChecks;
    PMap<String, PSortedMap<String, HealthCheck>> nextByService = checksByService;
    for (String key : changedKeys) {
      String id = EntryKeys.idOf(key);
      if (id == null) continue;
      Object v = entries.get(key);
      if (key.startsWith(EntryKeys.SERVICE_PREFIX)) {
        nextServices = v instanceof ServiceInstance s ? nextServices.plus(id, s) : nextServices.minus(id);
      } else if (key.startsWith(EntryKeys.CHECK_PREFIX)) {
        HealthCheck old = nextChecks.get(id);
        if (old != null && old.isNodeCheck()) nextNodeChecks = nextNodeChecks.minus(id);
        else if (old != null) nextByService = without(nextByService, old.serviceId(), id);
        if (v instanceof HealthCheck c) {
          nextChecks = nextChecks.plus(id, c);
          if (c.isNodeCheck()) nextNodeChecks = nextNodeChecks.plus(id, c);
          else nextByService = nextByService.plus(c.serviceId(), byId(nextByService, c.serviceId()).plus(id, c));
        } else {
          nextChecks = nextChecks.minus(id);
        }
      }
    }
    return new NodeGroup(node, nextServices, nextChecks, nextNodeChecks, nextByService);
  }

  private static PSortedMap<String, HealthCheck> byId(PMap<String, PSortedMap<String, HealthCheck>> byService,
      String serviceId) {
    PSortedMap<String, HealthCheck> m = byService.get(serviceId);
    return m == null ? TreePMap.empty() : m;
  }

  private static PMap<String, PSortedMap<String, HealthCheck>> without(
      PMap<String, PSortedMap<String, HealthCheck>> byService, String serviceId, String checkId) {
    PSortedMap<String, HealthCheck> rest = byId(byService, serviceId).minus(checkId);
    return rest.isEmpty() ? byService.minus(serviceId) : byService.plus(serviceId, rest);
  }

  /** The node's services, sorted by id; built per call. */
  List<ServiceInstance> serviceList() {
    return List.copyOf(services.values());
  }

  /** The node's checks, sorted by id; built per call. */
  List<HealthCheck> checkList() {
    return List.copyOf(checks.values());
  }

  /** Node checks first, then the instance's own: what counts against it. */
  ServiceHealth health(ServiceInstance s) {
    List<HealthCheck> all = new ArrayList<>(nodeChecks.values());
    all.addAll(byId(checksByService, s.id()).values());
    return ServiceHealth.of(node, s, all);
  }
}
