package io.consulate.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.CheckDefinition;
import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.HealthStatus;
import io.consulate.catalog.Node;
import io.consulate.catalog.ServiceHealth;
import io.consulate.catalog.ServiceInstance;
import io.consulate.catalog.Weights;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** What a query selects in one datacenter, by Consul's rules. */
class QuerySelectionTest {
  /** web on n1 (passing, tags v1 primary, env=prod, rack r1), n2 (warning, v1), n3 (critical), n4 (v2 canary). */
  private static final CatalogSnapshot CATALOG = CatalogSnapshot.build(
      List.of(node("n1", Map.of("rack", "r1")), node("n2", Map.of("rack", "r2")), node("n3", Map.of()), node("n4", Map.of())),
      List.of(web("n1", Map.of("env", "prod"), "v1", "Primary"), web("n2", Map.of(), "v1"), web("n3", Map.of(), "v1"),
          web("n4", Map.of(), "v2", "canary")),
      List.of(check("n2", "slow", HealthStatus.WARNING), check("n3", "down", HealthStatus.CRITICAL)), Map.of());

  private static Node node(String name, Map<String, String> meta) {
    return new Node(name, name + "-id", "10.0.0." + name.charAt(1), "dc1", Map.of(), meta, 1, 1);
  }

  private static ServiceInstance web(String node, Map<String, String> meta, String... tags) {
    return new ServiceInstance(node, "web", "web", List.of(tags), "", 80, meta, Weights.DEFAULT, false, 1, 1);
  }

  private static HealthCheck check(String node, String id, HealthStatus status) {
    return new HealthCheck(node, id, id, status, "", "", "web", "web", List.of(), "ttl", CheckDefinition.NONE, 1, 1);
  }

  private static QueryDefinition.Service query(boolean onlyPassing, List<String> ignore, List<String> tags,
      Map<String, String> nodeMeta, Map<String, String> serviceMeta) {
    return new QueryDefinition.Service("web", 0, List.of(), onlyPassing, ignore, "", tags, nodeMeta, serviceMeta, false);
  }

  private static TreeSet<String> nodes(List<ServiceHealth> picked) {
    TreeSet<String> out = new TreeSet<>();
    for (ServiceHealth h : picked) out.add(h.node().name());
    return out;
  }

  private static TreeSet<String> select(QueryDefinition.Service q) {
    return nodes(QuerySelection.select(q, CATALOG, "", 0, new Random(1)));
  }

  @Test
  void criticalNeverWarningUnlessOnlyPassing() {
    assertEquals(new TreeSet<>(List.of("n1", "n2", "n4")), select(query(false, List.of(), List.of(), Map.of(), Map.of())));
    assertEquals(new TreeSet<>(List.of("n1", "n4")), select(query(true, List.of(), List.of(), Map.of(), Map.of())));
  }

  @Test
  void ignoredChecksDoNotCount() {
    assertEquals(new TreeSet<>(List.of("n1", "n2", "n3", "n4")),
        select(query(true, List.of("slow", "down"), List.of(), Map.of(), Map.of())));
  }

  @Test
  void tagsAreRequiredOrWithBangExcludedCaseInsensitively() {
    assertEquals(new TreeSet<>(List.of("n1", "n2")), select(query(false, List.of(), List.of("v1"), Map.of(), Map.of())));
    assertEquals(new TreeSet<>(List.of("n1")), select(query(false, List.of(), List.of("V1", "primary"), Map.of(), Map.of())));
    assertEquals(new TreeSet<>(List.of("n1", "n2")), select(query(false, List.of(), List.of("!canary"), Map.of(), Map.of())));
  }

  @Test
  void nodeAndServiceMetaMustAllMatch() {
    assertEquals(new TreeSet<>(List.of("n1")), select(query(false, List.of(), List.of(), Map.of("rack", "r1"), Map.of())));
    assertEquals(new TreeSet<>(List.of("n1")), select(query(false, List.of(), List.of(), Map.of(), Map.of("env", "prod"))));
    assertEquals(new TreeSet<>(), select(query(false, List.of(), List.of(), Map.of("rack", "r2"), Map.of("env", "prod"))));
  }

  @Test
  void theNearNodeComesFirstAndLimitCutsAfterIt() {
    QueryDefinition.Service q = query(false, List.of(), List.of(), Map.of(), Map.of());
    for (int seed = 0; seed < 20; seed++) {
      List<ServiceHealth> picked = QuerySelection.select(q, CATALOG, "n4", 2, new Random(seed));
      assertEquals(2, picked.size());
      assertEquals("n4", picked.get(0).node().name());
    }
  }

  @Test
  void theOrderIsShuffled() {
    QueryDefinition.Service q = query(false, List.of(), List.of(), Map.of(), Map.of());
    TreeSet<String> firsts = new TreeSet<>();
    for (int seed = 0; seed < 50; seed++) {
      firsts.add(new ArrayList<>(QuerySelection.select(q, CATALOG, "", 0, new Random(seed))).get(0).node().name());
    }
    assertEquals(new TreeSet<>(List.of("n1", "n2", "n4")), firsts);
  }
}
