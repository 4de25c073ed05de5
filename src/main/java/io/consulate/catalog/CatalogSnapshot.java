package io.consulate.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import org.pcollections.PSortedMap;
import org.pcollections.TreePMap;

/**
 * The whole catalog at one index, immutable once built. Every reader (DNS, HTTP, blocking queries) works on
 * one of these and never sees a half-applied write. Lookups by name are case-insensitive, as in Consul.
 *
 * <p>Snapshots are derived from the previous one: {@link #update} recomputes only the nodes a change touches
 * and the services registered on them; everything else is shared, the maps by name too (persistent maps:
 * an update costs the touched names, not a copy of every name; every client agent builds one per write). A
 * full build is an update from {@link #EMPTY} with every entry changed.
 */
public final class CatalogSnapshot implements CatalogReads {
  public static final CatalogSnapshot EMPTY = new CatalogSnapshot(0, HashTreePMap.empty(), TreePMap.empty(),
      HashTreePMap.empty(), HashTreePMap.empty(), TreePMap.empty(), List.of());

  private static final Comparator<ServiceHealth> BY_NODE_THEN_ID =
      Comparator.comparing((ServiceHealth h) -> lower(h.node().name())).thenComparing(h -> h.service().id());

  private final long index;
  private final PMap<String, Long> indexTable;
  private final PSortedMap<String, NodeGroup> groups;
  private final PMap<String, List<ServiceHealth>> healthByService;
  private final PMap<String, List<ServiceInstance>> servicesByName;
  private final PSortedMap<String, SortedSet<String>> serviceTags;
  private final Collection<String> changedKeys;
  private volatile AddressIndex addresses;

  private CatalogSnapshot(long index, PMap<String, Long> indexTable, PSortedMap<String, NodeGroup> groups,
      PMap<String, List<ServiceHealth>> healthByService, PMap<String, List<ServiceInstance>> servicesByName,
      PSortedMap<String, SortedSet<String>> serviceTags, Collection<String> changedKeys) {
    this.index = index;
    this.indexTable = indexTable;
    this.groups = groups;
    this.healthByService = healthByService;
    this.servicesByName = servicesByName;
    this.serviceTags = serviceTags;
    this.changedKeys = changedKeys;
  }

  /** Builds the read model from entries. Entries of nodes that do not exist are ignored. */
  public static CatalogSnapshot build(Collection<Node> nodeEntries, Collection<ServiceInstance> serviceEntries,
      Collection<HealthCheck> checkEntries, Map<String, Long> indexes) {
    NavigableMap<String, Object> entries = new TreeMap<>();
    for (Node n : nodeEntries) entries.put(EntryKeys.node(n.name()), n);
    for (ServiceInstance s : serviceEntries) entries.put(EntryKeys.service(s.node(), s.id()), s);
    for (HealthCheck c : checkEntries) entries.put(EntryKeys.check(c.node(), c.checkId()), c);
    indexes.forEach((k, v) -> entries.put(EntryKeys.index(k), v));
    return EMPTY.update(entries, entries.keySet());
  }

  /**
   * The snapshot after {@code changed} keys (see {@link EntryKeys}) took the values now in {@code entries}
   * (absent = removed). Cost grows with the touched nodes and services, plus a shallow copy of the top maps.
   */
  public CatalogSnapshot update(NavigableMap<String, Object> entries, Collection<String> changed) {
    PMap<String, Long> table = indexTable;
    long max = index;
    Map<String, List<String>> keysByNode = new HashMap<>();
    for (String key : changed) {
      if (key.startsWith(EntryKeys.INDEX_PREFIX)) {
        Object v = entries.get(key);
        String view = key.substring(EntryKeys.INDEX_PREFIX.length());
        if (v instanceof Long l) {
          table = table.plus(view, l);
          max = Math.max(max, l);
        } else {
          table = table.minus(view);
        }
      } else {
        String node = EntryKeys.nodeOf(key);
        if (node != null) keysByNode.computeIfAbsent(node, k -> new ArrayList<>()).add(key);
      }
    }
    if (keysByNode.isEmpty()) {
      return new CatalogSnapshot(max, table, groups, healthByService, servicesByName, serviceTags, List.of());
    }

    PSortedMap<String, NodeGroup> nextGroups = groups;
    // Per touched node, the ids of the instances whose health must be recomputed.
    Map<String, Set<String>> affected = new HashMap<>();
    Set<String> touchedNames = new HashSet<>();
    Map<String, List<ServiceHealth>> fresh = new HashMap<>();
    for (Map.Entry<String, List<String>> e : keysByNode.entrySet()) {
      String node = e.getKey();
      NodeGroup old = groups.get(node);
      NodeGroup group = null;
      if (entries.get(EntryKeys.node(node)) instanceof Node nodeEntry) {
        // A node seen for the first time may already have entries that were stored before it: read them all.
        group = old == null ? NodeGroup.NONE.patch(nodeEntry, entries, nodeKeys(entries, node))
            : old.patch(nodeEntry, entries, e.getValue());
        nextGroups = nextGroups.plus(node, group);
      } else {
        nextGroups = nextGroups.minus(node);
      }
      Set<String> ids = affectedIds(old, group, e.getValue());
      affected.put(node, ids);
      for (String id : ids) {
        ServiceInstance before = old == null ? null : old.services().get(id);
        ServiceInstance after = group == null ? null : group.services().get(id);
        if (before != null) touchedNames.add(lower(before.name()));
        if (after != null) {
          touchedNames.add(lower(after.name()));
          fresh.computeIfAbsent(lower(after.name()), k -> new ArrayList<>()).add(group.health(after));
        }
      }
    }

    PMap<String, List<ServiceHealth>> health = healthByService;
    PMap<String, List<ServiceInstance>> byName = servicesByName;
    PSortedMap<String, SortedSet<String>> tags = serviceTags;
    for (String name : touchedNames) {
      List<ServiceHealth> list = new ArrayList<>();
      for (ServiceHealth h : healthByService.getOrDefault(name, List.of())) {
        tags = tags.minus(h.service().name());
        Set<String> ids = affected.get(lower(h.node().name()));
        if (ids == null || !ids.contains(h.service().id())) list.add(h);
      }
      list.addAll(fresh.getOrDefault(name, List.of()));
      if (list.isEmpty()) {
        health = health.minus(name);
        byName = byName.minus(name);
        continue;
      }
      list.sort(BY_NODE_THEN_ID);
      List<ServiceInstance> instances = new ArrayList<>(list.size());
      Map<String, SortedSet<String>> tagsOfName = new HashMap<>();
      for (ServiceHealth h : list) {
        instances.add(h.service());
        tagsOfName.computeIfAbsent(h.service().name(), k -> new TreeSet<>()).addAll(h.service().tags());
      }
      for (Map.Entry<String, SortedSet<String>> t : tagsOfName.entrySet()) {
        tags = tags.plus(t.getKey(), Collections.unmodifiableSortedSet(t.getValue()));
      }
      health = health.plus(name, List.copyOf(list));
      byName = byName.plus(name, List.copyOf(instances));
    }
    List<String> entryKeys = new ArrayList<>();
    for (List<String> keys : keysByNode.values()) entryKeys.addAll(keys);
    return new CatalogSnapshot(max, table, nextGroups, health, byName, tags, List.copyOf(entryKeys));
  }

  /**
   * The instances of one node whose health changes with these keys: those named by a service key or by a
   * service check, or all of them when the node entry or a node-level check changed (or the node went).
   */
  private static Set<String> affectedIds(NodeGroup old, NodeGroup group, List<String> keys) {
    Set<String> ids = new HashSet<>();
    boolean all = group == null || old == null;
    for (String key : keys) {
      if (all) break;
      if (key.startsWith(EntryKeys.NODE_PREFIX)) {
        all = true;
      } else if (key.startsWith(EntryKeys.SERVICE_PREFIX)) {
        ids.add(EntryKeys.idOf(key));
      } else {
        String checkId = EntryKeys.idOf(key);
        for (HealthCheck c : new HealthCheck[] {old.checks().get(checkId), group.checks().get(checkId)}) {
          if (c == null) continue;
          if (c.isNodeCheck()) all = true;
          else ids.add(c.serviceId());
        }
      }
    }
    if (all) {
      if (old != null) ids.addAll(old.services().keySet());
      if (group != null) ids.addAll(group.services().keySet());
    }
    return ids;
  }

  private static List<String> nodeKeys(NavigableMap<String, Object> entries, String node) {
    List<String> keys = new ArrayList<>();
    for (String prefix : new String[] {EntryKeys.SERVICE_PREFIX, EntryKeys.CHECK_PREFIX}) {
      String from = prefix + node + "/";
      keys.addAll(entries.subMap(from, true, from + Character.MAX_VALUE, false).keySet());
    }
    return keys;
  }

  /**
   * The node, service and check keys (see {@link EntryKeys}) the update that built this snapshot changed: what
   * a reader comparing it with the previous snapshot needs to look at, and nothing else. A node that came or
   * went changes its services and checks too, whether or not their keys are listed.
   */
  public Collection<String> changedKeys() {
    return changedKeys;
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

  /** Every node, sorted by name. */
  public List<Node> nodes() {
    List<Node> out = new ArrayList<>(groups.size());
    for (NodeGroup g : groups.values()) out.add(g.node());
    return out;
  }

  @Override
  public Node node(String name) {
    NodeGroup g = groups.get(lower(name));
    return g == null ? null : g.node();
  }

  /** Instances of a service, sorted by node then id; empty if unknown. */
  public List<ServiceInstance> services(String name) {
    return servicesByName.getOrDefault(lower(name), List.of());
  }

  @Override
  public List<ServiceInstance> servicesOnNode(String node) {
    NodeGroup g = groups.get(lower(node));
    return g == null ? List.of() : g.serviceList();
  }

  @Override
  public ServiceInstance service(String node, String id) {
    NodeGroup g = groups.get(lower(node));
    return g == null ? null : g.services().get(id);
  }

  /** Instances of a service with their node and checks, sorted by node then id. */
  public List<ServiceHealth> health(String serviceName) {
    return healthByService.getOrDefault(lower(serviceName), List.of());
  }

  /** Every service name with the union of its instances' tags, sorted. */
  public SortedMap<String, SortedSet<String>> serviceTags() {
    return serviceTags;
  }

  @Override
  public List<HealthCheck> checksOnNode(String node) {
    NodeGroup g = groups.get(lower(node));
    return g == null ? List.of() : g.checkList();
  }

  @Override
  public HealthCheck check(String node, String checkId) {
    NodeGroup g = groups.get(lower(node));
    return g == null ? null : g.checks().get(checkId);
  }

  /** Every check, by node then id; built per call (only {@code /v1/health/state} wants them all). */
  public List<HealthCheck> checks() {
    List<HealthCheck> out = new ArrayList<>();
    for (NodeGroup g : groups.values()) out.addAll(g.checkList());
    return out;
  }

  /** The first node (by name) with this address, for PTR lookups; null if none. */
  public Node nodeByAddress(String address) {
    return addresses().nodes().get(address);
  }

  /** The first instance (by node, id) with this explicit service address, for PTR lookups; null if none. */
  public ServiceInstance serviceByAddress(String address) {
    return addresses().services().get(address);
  }

  /** Reverse lookups are rare (PTR): built on first use per snapshot rather than on every write. */
  private AddressIndex addresses() {
    AddressIndex a = addresses;
    if (a == null) {
      Map<String, Node> nodes = new HashMap<>();
      Map<String, ServiceInstance> services = new HashMap<>();
      for (NodeGroup g : groups.values()) {
        nodes.putIfAbsent(g.node().address(), g.node());
        for (ServiceInstance s : g.serviceList()) if (!s.address().isEmpty()) services.putIfAbsent(s.address(), s);
      }
      a = new AddressIndex(nodes, services);
      addresses = a;
    }
    return a;
  }

  private record AddressIndex(Map<String, Node> nodes, Map<String, ServiceInstance> services) {}

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
