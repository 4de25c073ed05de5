package io.consulate.catalog;

import java.util.List;
import java.util.Objects;

/**
 * The write rules: each method turns one command, against the snapshot it is applied to, into a
 * {@link ChangeSet} stamped with the write's index. Unchanged entries keep their indexes (Consul's
 * idempotent writes); changed ones keep {@code CreateIndex} and take the new {@code ModifyIndex}.
 */
public final class CatalogWrites {
  private CatalogWrites() {}

  public static void registerNode(ChangeSet.Builder b, CatalogReads snap, Node node) {
    Node existing = snap.node(node.name());
    if (existing != null && existing.sameContent(node)) return;
    long create = existing == null ? b.index() : existing.createIndex();
    b.put(EntryKeys.node(node.name()), node.withIndexes(create, b.index()))
        .touch(IndexKeys.NODES).touch(IndexKeys.node(node.name()));
    for (ServiceInstance s : snap.servicesOnNode(node.name())) b.touch(IndexKeys.service(s.name()));
  }

  /**
   * Registers or updates a service and the checks given with it. With {@code replaceChecks}, checks of the
   * service that are not in {@code checks} are removed (Consul's agent re-registration).
   */
  public static void registerService(ChangeSet.Builder b, CatalogReads snap, ServiceInstance service,
      List<HealthCheck> checks, boolean replaceChecks) {
    requireNode(b, snap, service.node());
    ServiceInstance existing = snap.service(service.node(), service.id());
    if (existing == null || !existing.sameContent(service)) {
      long create = existing == null ? b.index() : existing.createIndex();
      b.put(EntryKeys.service(service.node(), service.id()), service.withIndexes(create, b.index()))
          .touch(IndexKeys.service(service.name())).touch(IndexKeys.node(service.node()));
      if (existing == null || !existing.name().equals(service.name()) || !existing.tags().equals(service.tags())) {
        b.touch(IndexKeys.SERVICES);
      }
      if (existing != null && !existing.name().equalsIgnoreCase(service.name())) {
        b.touch(IndexKeys.service(existing.name()));
      }
    }
    if (replaceChecks) {
      for (HealthCheck old : snap.checksOnNode(service.node())) {
        if (old.serviceId().equals(service.id()) && checks.stream().noneMatch(c -> c.checkId().equals(old.checkId()))) {
          removeCheck(b, snap, old);
        }
      }
    }
    for (HealthCheck c : checks) putCheck(b, snap, c);
  }

  public static void deregisterService(ChangeSet.Builder b, CatalogReads snap, String node, String serviceId) {
    ServiceInstance existing = snap.service(node, serviceId);
    if (existing == null) return;
    b.remove(EntryKeys.service(node, serviceId))
        .touch(IndexKeys.service(existing.name())).touch(IndexKeys.node(node)).touch(IndexKeys.SERVICES);
    for (HealthCheck c : snap.checksOnNode(node)) {
      if (c.serviceId().equals(serviceId)) removeCheck(b, snap, c);
    }
  }

  /** Registers or updates a check; a service check's service must exist on the same node. */
  public static void registerCheck(ChangeSet.Builder b, CatalogReads snap, HealthCheck check) {
    requireNode(b, snap, check.node());
    if (!check.isNodeCheck() && snap.service(check.node(), check.serviceId()) == null
        && !b.pending(EntryKeys.service(check.node(), check.serviceId()))) {
      throw new CatalogException("Missing service \"" + check.serviceId() + "\" for check \"" + check.checkId() + "\"");
    }
    putCheck(b, snap, check);
  }

  /** Sets a check's status and output; a check that is gone (deregistered meanwhile) is left alone. */
  public static void updateCheck(ChangeSet.Builder b, CatalogReads snap, String node, String checkId,
      HealthStatus status, String output) {
    HealthCheck existing = snap.check(node, checkId);
    if (existing != null) putCheck(b, snap, existing.withStatus(status, output));
  }

  public static void deregisterCheck(ChangeSet.Builder b, CatalogReads snap, String node, String checkId) {
    HealthCheck existing = snap.check(node, checkId);
    if (existing != null) removeCheck(b, snap, existing);
  }

  public static void deregisterNode(ChangeSet.Builder b, CatalogReads snap, String node) {
    if (snap.node(node) == null) return;
    for (ServiceInstance s : snap.servicesOnNode(node)) deregisterService(b, snap, node, s.id());
    for (HealthCheck c : snap.checksOnNode(node)) removeCheck(b, snap, c);
    b.remove(EntryKeys.node(node)).touch(IndexKeys.NODES).touch(IndexKeys.node(node));
  }

  /**
   * Consul's {@code /v1/catalog/register}: the node (unless {@code skipNodeUpdate} and it exists; an empty
   * node id keeps the existing one), the service if given, and the checks, each bound to its service's name
   * and tags as they are after this write.
   */
  public static void catalogRegister(ChangeSet.Builder b, CatalogReads snap, Node node, boolean skipNodeUpdate,
      ServiceInstance service, List<HealthCheck> checks) {
    Node existing = snap.node(node.name());
    if (!skipNodeUpdate || existing == null) {
      Node wanted = existing != null && node.id().isEmpty()
          ? new Node(node.name(), existing.id(), node.address(), node.datacenter(), node.taggedAddresses(), node.meta(), 0, 0)
          : node;
      registerNode(b, snap, wanted);
    }
    if (service != null) registerService(b, snap, service, List.of(), false);
    for (HealthCheck c : checks) {
      ServiceInstance owner = c.isNodeCheck() ? null
          : service != null && service.id().equals(c.serviceId()) ? service : snap.service(node.name(), c.serviceId());
      HealthCheck bound = owner == null ? c : new HealthCheck(c.node(), c.checkId(), c.name(), c.status(), c.notes(),
          c.output(), c.serviceId(), owner.name(), owner.tags(), c.type(), c.definition(), 0, 0);
      registerCheck(b, snap, bound);
    }
  }

  /** Consul's {@code /v1/catalog/deregister}: the service, the check, or (neither given) the whole node. */
  public static void catalogDeregister(ChangeSet.Builder b, CatalogReads snap, String node, String serviceId,
      String checkId) {
    if (!serviceId.isEmpty()) deregisterService(b, snap, node, serviceId);
    if (!checkId.isEmpty()) deregisterCheck(b, snap, node, checkId);
    if (serviceId.isEmpty() && checkId.isEmpty()) deregisterNode(b, snap, node);
  }

  private static void putCheck(ChangeSet.Builder b, CatalogReads snap, HealthCheck check) {
    HealthCheck existing = snap.check(check.node(), check.checkId());
    if (existing != null && existing.sameContent(check)) return;
    long create = existing == null ? b.index() : existing.createIndex();
    b.put(EntryKeys.check(check.node(), check.checkId()), check.withIndexes(create, b.index()));
    touchCheckViews(b, snap, check);
    if (existing != null && !Objects.equals(existing.serviceName(), check.serviceName())) {
      touchCheckViews(b, snap, existing);
    }
  }

  private static void removeCheck(ChangeSet.Builder b, CatalogReads snap, HealthCheck check) {
    b.remove(EntryKeys.check(check.node(), check.checkId()));
    touchCheckViews(b, snap, check);
  }

  /** A service check affects its service; a node check affects every service on the node. */
  private static void touchCheckViews(ChangeSet.Builder b, CatalogReads snap, HealthCheck check) {
    b.touch(IndexKeys.CHECKS).touch(IndexKeys.node(check.node()));
    if (!check.isNodeCheck()) {
      b.touch(IndexKeys.service(check.serviceName()));
    } else {
      for (ServiceInstance s : snap.servicesOnNode(check.node())) b.touch(IndexKeys.service(s.name()));
    }
  }

  /** The node must exist, or be written by this same change set. */
  private static void requireNode(ChangeSet.Builder b, CatalogReads snap, String node) {
    if (snap.node(node) == null && !b.pending(EntryKeys.node(node))) throw new CatalogException("Unknown node \"" + node + "\"");
  }
}
