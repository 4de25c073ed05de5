package io.consulate.ui;

import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.HealthStatus;
import io.consulate.catalog.ServiceHealth;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One service as the services page lists it, Consul's {@code ServiceSummary}: its tags and nodes, how many
 * instances, and its checks counted once each by state (a node check shared by two instances counts once).
 * {@code status} is the worst of them, what the page sorts and filters on.
 */
record ServiceSummary(String name, SortedSet<String> tags, SortedSet<String> nodes, int instanceCount,
    int checksPassing, int checksWarning, int checksCritical) {

  static ServiceSummary of(String name, List<ServiceHealth> instances) {
    SortedSet<String> tags = new TreeSet<>();
    SortedSet<String> nodes = new TreeSet<>();
    Set<String> counted = new HashSet<>();
    int[] byStatus = new int[HealthStatus.values().length];
    for (ServiceHealth h : instances) {
      tags.addAll(h.service().tags());
      nodes.add(h.node().name());
      for (HealthCheck c : h.checks()) {
        if (counted.add(c.node() + "/" + c.checkId())) byStatus[c.status().ordinal()]++;
      }
    }
    return new ServiceSummary(name, tags, nodes, instances.size(), byStatus[HealthStatus.PASSING.ordinal()],
        byStatus[HealthStatus.WARNING.ordinal()], byStatus[HealthStatus.CRITICAL.ordinal()]);
  }

  HealthStatus status() {
    if (checksCritical > 0) return HealthStatus.CRITICAL;
    return checksWarning > 0 ? HealthStatus.WARNING : HealthStatus.PASSING;
  }
}
