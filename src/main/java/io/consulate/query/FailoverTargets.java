package io.consulate.query;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a query with no instance left here looks next (Consul's {@code queryFailover}): the {@code NearestN}
 * nearest other datacenters, then the listed {@code Datacenters} in their order; never this datacenter, never one
 * the WAN pool does not know, never one twice.
 */
public final class FailoverTargets {
  private FailoverTargets() {}

  /** {@code nearestFirst} is every known datacenter by round trip, this one included. */
  public static List<String> of(QueryDefinition.Service q, List<String> nearestFirst, String local) {
    List<String> others = new ArrayList<>();
    for (String dc : nearestFirst) if (!dc.equalsIgnoreCase(local)) others.add(dc);
    Set<String> targets = new LinkedHashSet<>();
    for (int i = 0; i < Math.min(q.nearestN(), others.size()); i++) targets.add(others.get(i));
    for (String dc : q.datacenters()) {
      for (String known : others) if (known.equalsIgnoreCase(dc)) targets.add(known);
    }
    return new ArrayList<>(targets);
  }
}
