package io.consulate.catalog;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;

/**
 * Random catalog writes over a few nodes and service names (two differing only in case), for the tests that
 * check an incrementally maintained view against one built from scratch.
 */
public final class RandomWrites {
  public static final String[] NODES = {"n1", "N2", "n3", "n4"};
  public static final String[] NAMES = {"web", "Web", "db", "cache", "api"};

  private RandomWrites() {}

  /** Puts or removes one random node, service, check or index entry; returns its key. */
  public static String change(Random rnd, NavigableMap<String, Object> entries, long index) {
    String node = NODES[rnd.nextInt(NODES.length)];
    String id = "id" + rnd.nextInt(6);
    boolean remove = rnd.nextInt(4) == 0;
    switch (rnd.nextInt(4)) {
      case 0: {
        String key = EntryKeys.node(node);
        if (remove) entries.remove(key);
        else entries.put(key, new Node(node, "uuid-" + node, "10.0.0." + rnd.nextInt(3), "dc1", Map.of(),
            Map.of("rack", "r" + rnd.nextInt(2)), index, index));
        return key;
      }
      case 1: {
        String key = EntryKeys.service(node, id);
        if (remove) entries.remove(key);
        else entries.put(key, new ServiceInstance(node, id, NAMES[rnd.nextInt(NAMES.length)],
            List.of("t" + rnd.nextInt(3)), rnd.nextBoolean() ? "" : "10.1.0." + rnd.nextInt(3), 80 + rnd.nextInt(3),
            Map.of(), Weights.DEFAULT, false, index, index));
        return key;
      }
      case 2: {
        String check = "c" + rnd.nextInt(4);
        String key = EntryKeys.check(node, check);
        String serviceId = rnd.nextBoolean() ? "" : id;
        if (remove) entries.remove(key);
        else entries.put(key, new HealthCheck(node, check, check, HealthStatus.values()[rnd.nextInt(3)], "", "out",
            serviceId, serviceId.isEmpty() ? "" : "web", List.of(), rnd.nextInt(4) == 0 ? "maintenance" : "ttl",
            CheckDefinition.NONE, index, index));
        return key;
      }
      default: {
        String key = EntryKeys.index(rnd.nextBoolean() ? IndexKeys.service(NAMES[rnd.nextInt(NAMES.length)]) : IndexKeys.NODES);
        entries.put(key, index);
        return key;
      }
    }
  }
}
