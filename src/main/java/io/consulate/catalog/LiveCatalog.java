package io.consulate.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;

/**
 * The catalog read straight from the writer's entries (keyed by {@link EntryKeys}): what a write is validated
 * against, always current, at O(log n) per lookup and O(k) per node listing. Not for readers, which take
 * immutable snapshots; only the thread that changes the entries may use it.
 */
public final class LiveCatalog implements CatalogReads {
  private final NavigableMap<String, Object> entries;

  public LiveCatalog(NavigableMap<String, Object> entries) {
    this.entries = entries;
  }

  @Override
  public Node node(String name) {
    return (Node) entries.get(EntryKeys.node(name));
  }

  @Override
  public ServiceInstance service(String node, String id) {
    return (ServiceInstance) entries.get(EntryKeys.service(node, id));
  }

  @Override
  public HealthCheck check(String node, String checkId) {
    return (HealthCheck) entries.get(EntryKeys.check(node, checkId));
  }

  @Override
  public List<ServiceInstance> servicesOnNode(String node) {
    return under(EntryKeys.SERVICE_PREFIX + EntryKeys.lower(node) + "/", ServiceInstance.class);
  }

  @Override
  public List<HealthCheck> checksOnNode(String node) {
    return under(EntryKeys.CHECK_PREFIX + EntryKeys.lower(node) + "/", HealthCheck.class);
  }

  private <T> List<T> under(String prefix, Class<T> type) {
    List<T> out = new ArrayList<>();
    for (Object v : entries.subMap(prefix, true, prefix + Character.MAX_VALUE, false).values()) out.add(type.cast(v));
    return out;
  }
}
