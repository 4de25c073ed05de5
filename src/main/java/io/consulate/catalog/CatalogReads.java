package io.consulate.catalog;

import java.util.List;

/**
 * What the write rules read about the catalog as it is before a write: lookups by node, case-insensitive in the
 * node name as in Consul. A published {@link CatalogSnapshot} answers them, and so does the writer's live view
 * of the entries, which needs no snapshot rebuilt per write.
 */
public interface CatalogReads {
  Node node(String name);

  ServiceInstance service(String node, String id);

  HealthCheck check(String node, String checkId);

  /** The node's services, sorted by id. */
  List<ServiceInstance> servicesOnNode(String node);

  /** The node's checks, sorted by id. */
  List<HealthCheck> checksOnNode(String node);
}
