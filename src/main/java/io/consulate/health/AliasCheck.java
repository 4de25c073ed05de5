package io.consulate.health;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.HealthStatus;

/**
 * Consul's alias check: mirrors the health of another service instance (and its node) or of a node, from
 * each published snapshot; no probing of its own. A missing aliased service is critical.
 */
final class AliasCheck implements RunningCheck {
  private final String checkId;
  private final String node;
  private final String serviceId;
  private final StatusSink sink;
  private CheckResult last;

  /** {@code node} is the alias_node, or this agent's node; {@code serviceId} may be empty (node alias). */
  AliasCheck(String checkId, String node, String serviceId, StatusSink sink) {
    this.checkId = checkId;
    this.node = node;
    this.serviceId = serviceId;
    this.sink = sink;
  }

  @Override
  public void start() {
    // driven by snapshots, see onSnapshot
  }

  void onSnapshot(CatalogSnapshot snap) {
    CheckResult now = evaluate(snap);
    if (!now.equals(last)) {
      last = now;
      sink.report(checkId, now);
    }
  }

  CheckResult evaluate(CatalogSnapshot snap) {
    if (!serviceId.isEmpty() && snap.service(node, serviceId) == null) {
      return CheckResult.critical("Service not found");
    }
    if (snap.node(node) == null) return CheckResult.critical("Node not found");
    CheckResult result = CheckResult.passing("All checks passing.");
    for (HealthCheck c : snap.checksOnNode(node)) {
      if (c.checkId().equals(checkId)) continue;
      if (!c.isNodeCheck() && !c.serviceId().equals(serviceId)) continue;
      if (c.status() != HealthStatus.PASSING) {
        result = new CheckResult(c.status(), "Aliased check \"" + c.name() + "\" failing: " + c.output());
        if (c.status() == HealthStatus.CRITICAL) break;
      }
    }
    return result;
  }

  @Override
  public void stop() {
    // nothing scheduled
  }
}
