package io.consulate.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The whole catalog at one index, immutable once built. Every reader (DNS, HTTP, blocking queries) works on
 * one of these and never sees a half-applied write. Lookups by name are case-insensitive, as in Consul.
 */
public final class CatalogSnapshot {
  public static final CatalogSnapshot EMPTY = build(List.of(), List.of(), List.of(), Map.of());

  private static final Comparator<ServiceInstance> BY_NODE_THEN_ID =
      Comparator.comparing((ServiceInstance s) -> s.node().toLowerCase(Locale.ROOT)).thenComparing(ServiceInstance::id);
  private static final Comparator<HealthCheck> BY_NODE_THEN_CHECK =
      Comparator.comparing((HealthCheck c) -> c.node().toLowerCase(Locale.ROOT)).thenComparing(HealthCheck::checkId);

  private final long index;
  private final Map<String, Long> indexTable;
  private final SortedMap<String, Node> nodes;
  private final Map<String, List<ServiceInstance>> servicesByName;
  private final Map<String, List<ServiceInstance>> servicesByNode;
  private final Map<String, List<HealthCheck>> checksByNode;
  private final Map<String, List<ServiceHealth>> healthByService;
  private final SortedMap<String, SortedSet<String>> serviceTags;
  private final List<HealthCheck> allChecks;
  private final Map<String, Node> nodesByAddress;
  private final Map<String, ServiceInstance> servicesByAddress;

  private CatalogSnapshot(long index, Map<String, Long> indexTable, SortedMap<String, Node> nodes,
      Map<String, List<ServiceInstance>> servicesByName, Map<String, List<ServiceInstance>> servicesByNode,
      Map<String, List<HealthCheck>> checksByNode, Map<String, List<ServiceHealth>> healthByService,
      SortedMap<String, SortedSet<String>> serviceTags, List<HealthCheck> allChecks,
      Map<String, Node> nodesByAddress, Map<String, ServiceInstance> servicesByAddress) {
    this.index = index;
    this.indexTable = indexTable;
    this.nodes = nodes;
    this.servicesByName = servicesByName;
    this.servicesByNode = servicesByNode;
    this.checksByNode = checksByNode;
    this.healthByService = healthByService;
    this.serviceTags = serviceTags;
    this.allChecks = allChecks;
    this.nodesByAddress = nodesByAddress;
    this.servicesByAddress = servicesByAddress;
  }

  /** Builds the read model from stored entries. Entries of nodes that do not exist are ignored. */
  public static CatalogSnapshot build(Collection<Node> nodeEntries, Collection<ServiceInstance> serviceEntries,
      Collection<HealthCheck> checkEntries, Map<String, Long> indexes) {
    SortedMap<String, Node> nodes = new TreeMap<>();
    Map<String, Node> nodesByAddress = new HashMap<>();
    for (Node n : nodeEntries) nodes.put(lower(n.name()), n);
    for (Node n : nodes.values()) nodesByAddress.putIfAbsent(n.address(), n);

    Map<String, List<HealthCheck>> checksByNode = new HashMap<>();
    Map<String, List<HealthCheck>> nodeLevelChecks = new HashMap<>();
    Map<String, List<HealthCheck>> checksByService = new HashMap<>();
    List<HealthCheck> allChecks = new ArrayList<>();
    for (HealthCheck c : sorted(checkEntries, BY_NODE_THEN_CHECK)) {
      if (!nodes.containsKey(lower(c.node()))) continue;
      allChecks.add(c);
      checksByNode.computeIfAbsent(lower(c.node()), k -> new ArrayList<>()).add(c);
      String owner = c.isNodeCheck() ? lower(c.node()) : lower(c.node()) + "/" + c.serviceId();
      (c.isNodeCheck() ? nodeLevelChecks : checksByService).computeIfAbsent(owner, k -> new ArrayList<>()).add(c);
    }

    Map<String, List<ServiceInstance>> byName = new HashMap<>();
    Map<String, List<ServiceInstance>> byNode = new HashMap<>();
    Map<String, List<ServiceHealth>> health = new HashMap<>();
    SortedMap<String, SortedSet<String>> tags = new TreeMap<>();
    Map<String, ServiceInstance> servicesByAddress = new HashMap<>();
    for (ServiceInstance s : sorted(serviceEntries, BY_NODE_THEN_ID)) {
      Node node = nodes.get(lower(s.node()));
      if (node == null) continue;
      if (!s.address().isEmpty()) servicesByAddress.putIfAbsent(s.address(), s);
      byName.computeIfAbsent(lower(s.name()), k -> new ArrayList<>()).add(s);
      byNode.computeIfAbsent(lower(s.node()), k -> new ArrayList<>()).add(s);
      tags.computeIfAbsent(s.name(), k -> new TreeSet<>()).addAll(s.tags());
      List<HealthCheck> checks = new ArrayList<>(nodeLevelChecks.getOrDefault(lower(s.node()), List.of()));
      checks.addAll(checksByService.getOrDefault(lower(s.node()) + "/" + s.id(), List.of()));
      health.computeIfAbsent(lower(s.name()), k -> new ArrayList<>()).add(ServiceHealth.of(node, s, checks));
    }

    long max = 0;
    for (long v : indexes.values()) max = Math.max(max, v);
    return new CatalogSnapshot(max, Map.copyOf(indexes), Collections.unmodifiableSortedMap(nodes),
        freeze(byName), freeze(byNode), freeze(checksByNode), freeze(health),
        Collections.unmodifiableSortedMap(tags), List.copyOf(allChecks), Map.copyOf(nodesByAddress),
        Map.copyOf(servicesByAddress));
  }

  /** The highest index of any write in this snapshot; 0 when empty (the HTTP layer never reports 0). */
  public long index() {
    return index;
  }

  /** The index of one view (see {@link IndexKeys}); falls back to {@code fallback}'s index, then to 0. */
  public long index(String key, String fallback) {
    Long v = indexTable.get(key);
    if (v == null) v = indexTable.get(fallback);
    return v == null ? 0 : v;
  }

  public Map<String, Long> indexTable() {
    return indexTable;
  }

  public Collection<Node> nodes() {
    return nodes.values();
  }

  public Node node(String name) {
    return nodes.get(lower(name));
  }

  /** Instances of a service, sorted by node then id; empty if unknown. */
  public List<ServiceInstance> services(String name) {
    return servicesByName.getOrDefault(lower(name), List.of());
  }

  public List<ServiceInstance> servicesOnNode(String node) {
    return servicesByNode.getOrDefault(lower(node), List.of());
  }

  public ServiceInstance service(String node, String id) {
    for (ServiceInstance s : servicesOnNode(node)) if (s.id().equals(id)) return s;
    return null;
  }

  /** Instances of a service with their node and checks, sorted by node then id. */
  public List<ServiceHealth> health(String serviceName) {
    return healthByService.getOrDefault(lower(serviceName), List.of());
  }

  /** Every service name with the union of its instances' tags, sorted. */
  public SortedMap<String, SortedSet<String>> serviceTags() {
    return serviceTags;
  }

  public List<HealthCheck> checksOnNode(String node) {
    return checksByNode.getOrDefault(lower(node), List.of());
  }

  public HealthCheck check(String node, String checkId) {
    for (HealthCheck c : checksOnNode(node)) if (c.checkId().equals(checkId)) return c;
    return null;
  }

  public List<HealthCheck> checks() {
    return allChecks;
  }

  /** The first node (by name) with this address, for PTR lookups; null if none. */
  public Node nodeByAddress(String address) {
    return nodesByAddress.get(address);
  }

  /** The first instance (by node, id) with this explicit service address, for PTR lookups; null if none. */
  public ServiceInstance serviceByAddress(String address) {
    return servicesByAddress.get(address);
  }

  private static <T> List<T> sorted(Collection<T> in, Comparator<? super T> order) {
    List<T> list = new ArrayList<>(in);
    list.sort(order);
    return list;
  }

  private static <T> Map<String, List<T>> freeze(Map<String, List<T>> m) {
    Map<String, List<T>> out = new HashMap<>(m.size() * 2);
    m.forEach((k, v) -> out.put(k, List.copyOf(v)));
    return Collections.unmodifiableMap(out);
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
