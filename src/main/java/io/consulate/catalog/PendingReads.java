package io.consulate.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The catalog before a write with the write's puts and removals so far laid over it ({@link ChangeSet.Builder#over}). */
final class PendingReads implements CatalogReads {
  private final CatalogReads before;
  private final Map<String, Object> puts;
  private final Set<String> removals;

  PendingReads(CatalogReads before, Map<String, Object> puts, Set<String> removals) {
    this.before = before;
    this.puts = puts;
    this.removals = removals;
  }

  @Override
  public Node node(String name) {
    return pick(EntryKeys.node(name), Node.class, before.node(name));
  }

  @Override
  public ServiceInstance service(String node, String id) {
    return pick(EntryKeys.service(node, id), ServiceInstance.class, before.service(node, id));
  }

  @Override
  public HealthCheck check(String node, String checkId) {
    return pick(EntryKeys.check(node, checkId), HealthCheck.class, before.check(node, checkId));
  }

  @Override
  public List<ServiceInstance> servicesOnNode(String node) {
    return merged(before.servicesOnNode(node), ServiceInstance.class, s -> EntryKeys.service(s.node(), s.id()),
        s -> s.node().equalsIgnoreCase(node), Comparator.comparing(ServiceInstance::id));
  }

  @Override
  public List<HealthCheck> checksOnNode(String node) {
    return merged(before.checksOnNode(node), HealthCheck.class, c -> EntryKeys.check(c.node(), c.checkId()),
        c -> c.node().equalsIgnoreCase(node), Comparator.comparing(HealthCheck::checkId));
  }

  private <T> T pick(String key, Class<T> kind, T earlier) {
    if (removals.contains(key)) return null;
    Object put = puts.get(key);
    return put != null ? kind.cast(put) : earlier;
  }

  private <T> List<T> merged(List<T> earlier, Class<T> kind, Function<T, String> key,
      java.util.function.Predicate<T> onNode, Comparator<T> order) {
    List<T> out = new ArrayList<>();
    for (T e : earlier) if (!removals.contains(key.apply(e)) && !puts.containsKey(key.apply(e))) out.add(e);
    for (Object o : puts.values()) if (kind.isInstance(o) && onNode.test(kind.cast(o))) out.add(kind.cast(o));
    out.sort(order);
    return out;
  }
}
