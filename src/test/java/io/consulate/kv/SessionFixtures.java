package io.consulate.kv;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.CheckDefinition;
import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.HealthStatus;
import io.consulate.catalog.Node;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A one-node catalog and session helpers for the KV tests. */
final class SessionFixtures {
  private SessionFixtures() {}

  static CatalogSnapshot catalog(HealthStatus serf) {
    Node n = new Node("n1", "id", "127.0.0.1", "dc1", Map.of(), Map.of(), 1, 1);
    HealthCheck c = new HealthCheck("n1", HealthCheck.SERF_HEALTH, "Serf Health Status", serf, "", "", "", "",
        List.of(), "", CheckDefinition.NONE, 1, 1);
    return CatalogSnapshot.build(List.of(n), List.of(), List.of(c), Map.of("nodes", 1L));
  }

  static Session session(String name, String ttl, Session.Behavior behavior) {
    return new Session(UUID.randomUUID().toString(), name, "n1", 15_000_000_000L, behavior, ttl,
        List.of(HealthCheck.SERF_HEALTH), List.of(), 0, 0, 0);
  }

  static String create(KvStoreTest t, String name) throws Exception {
    Session s = session(name, "", Session.Behavior.RELEASE);
    return t.write(c -> SessionOps.create(c, s, catalog(HealthStatus.PASSING))).value().id();
  }
}
