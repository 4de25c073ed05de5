package io.consulate.query;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.HealthStatus;
import io.consulate.catalog.ServiceHealth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The instances a query answers with in one datacenter (Consul's Execute, local part): critical ones never, warning
 * ones unless {@code OnlyPassing}, checks in {@code IgnoreCheckIDs} not counted; then {@code NodeMeta},
 * {@code ServiceMeta} and {@code Tags} ({@code !tag} excludes; case-insensitive); shuffled; the {@code near} node
 * first (this build keeps no network coordinates, so the node itself is the only one known to be nearest); then
 * {@code limit}.
 */
public final class QuerySelection {
  private QuerySelection() {}

  /** {@code nearNode} is the node to sort first ({@code _agent} already resolved), or empty. */
  public static List<ServiceHealth> select(QueryDefinition.Service q, CatalogSnapshot snapshot, String nearNode,
      int limit, Random random) {
    List<ServiceHealth> out = new ArrayList<>();
    for (ServiceHealth h : snapshot.health(q.service())) {
      HealthStatus status = status(h, q.ignoreCheckIds());
      if (status == HealthStatus.CRITICAL || (status == HealthStatus.WARNING && q.onlyPassing())) continue;
      if (!contains(h.node().meta(), q.nodeMeta()) || !contains(h.service().meta(), q.serviceMeta())) continue;
      if (!tagsMatch(h.service().tags(), q.tags())) continue;
      out.add(h);
    }
    Collections.shuffle(out, random);
    if (!nearNode.isEmpty()) {
      for (int i = 0; i < out.size(); i++) {
        if (out.get(i).node().name().equals(nearNode)) {
          out.add(0, out.remove(i));
          break;
        }
      }
    }
    return limit > 0 && out.size() > limit ? new ArrayList<>(out.subList(0, limit)) : out;
  }

  private static HealthStatus status(ServiceHealth h, List<String> ignored) {
    HealthStatus worst = HealthStatus.PASSING;
    for (HealthCheck c : h.checks()) if (!ignored.contains(c.checkId())) worst = worst.worse(c.status());
    return worst;
  }

  private static boolean contains(Map<String, String> actual, Map<String, String> wanted) {
    for (Map.Entry<String, String> e : wanted.entrySet()) if (!e.getValue().equals(actual.get(e.getKey()))) return false;
    return true;
  }

  /** Every plain tag present and every {@code !tag} absent, compared in lower case as Consul does. */
  private static boolean tagsMatch(List<String> tags, List<String> wanted) {
    List<String> have = new ArrayList<>();
    for (String t : tags) have.add(t.toLowerCase(Locale.ROOT));
    for (String w : wanted) {
      String tag = w.toLowerCase(Locale.ROOT);
      if (tag.startsWith("!")) {
        if (have.contains(tag.substring(1))) return false;
      } else if (!have.contains(tag)) {
        return false;
      }
    }
    return true;
  }
}
