package io.consulate.catalog;

import java.util.List;

/**
 * The catalog's operations in a {@code /v1/txn} (Consul's {@code state/txn.go}: {@code txnNode}, {@code txnService},
 * {@code txnCheck}), with its verbs and words. Each reads the catalog as the transaction has changed it so far, so a
 * later operation sees an earlier one. For {@code cas} and {@code delete-cas}, the entry's {@code ModifyIndex} is
 * the index to compare (0: the entry must not exist yet).
 */
public final class CatalogTxn {
  public enum Kind { NODE, SERVICE, CHECK }

  /** One operation: its kind, its verb, and the entry it names ({@link Node}, {@link ServiceInstance}, {@link HealthCheck}). */
  public record Op(Kind kind, String verb, Object entry) {}

  private CatalogTxn() {}

  /** Applies {@code op}; answers the entry a get or a set returns, or null; refuses with Consul's error. */
  public static Object apply(ChangeSet.Builder b, CatalogReads before, Op op) {
    return switch (op.kind()) {
      case NODE -> node(b, b.over(before), op.verb(), (Node) op.entry());
      case SERVICE -> service(b, b.over(before), op.verb(), (ServiceInstance) op.entry());
      case CHECK -> check(b, b.over(before), op.verb(), (HealthCheck) op.entry());
    };
  }

  private static Node node(ChangeSet.Builder b, CatalogReads now, String verb, Node n) {
    Node existing = now.node(n.name());
    switch (verb) {
      case "get":
        if (existing == null) throw new CatalogException("node \"" + n.name() + "\" doesn't exist");
        return existing;
      case "cas":
        if (!current(existing == null ? null : existing.modifyIndex(), n.modifyIndex())) {
          throw new CatalogException("failed to set node \"" + n.name() + "\", index is stale");
        }
        // fall through: the index matched
      case "set":
        CatalogWrites.registerNode(b, now, n.withIndexes(0, 0));
        return b.over(now).node(n.name());
      case "delete-cas":
        if (existing == null || existing.modifyIndex() != n.modifyIndex()) {
          throw new CatalogException("failed to delete node \"" + n.name() + "\", index is stale");
        }
        // fall through
      case "delete":
        CatalogWrites.deregisterNode(b, now, n.name());
        return null;
      default:
        throw new CatalogException("unknown Node verb \"" + verb + "\"");
    }
  }

  private static ServiceInstance service(ChangeSet.Builder b, CatalogReads now, String verb, ServiceInstance s) {
    ServiceInstance existing = now.service(s.node(), s.id());
    String which = "service \"" + s.id() + "\" on node \"" + s.node() + "\"";
    switch (verb) {
      case "get":
        if (existing == null) throw new CatalogException(which + " doesn't exist");
        return existing;
      case "cas":
        if (!current(existing == null ? null : existing.modifyIndex(), s.modifyIndex())) {
          throw new CatalogException("failed to set " + which + ", index is stale");
        }
        // fall through
      case "set":
        CatalogWrites.registerService(b, now, s.withIndexes(0, 0), List.of(), false);
        return b.over(now).service(s.node(), s.id());
      case "delete-cas":
        if (existing == null || existing.modifyIndex() != s.modifyIndex()) {
          throw new CatalogException("failed to delete " + which + ", index is stale");
        }
        // fall through
      case "delete":
        CatalogWrites.deregisterService(b, now, s.node(), s.id());
        return null;
      default:
        throw new CatalogException("unknown Service verb \"" + verb + "\"");
    }
  }

  private static HealthCheck check(ChangeSet.Builder b, CatalogReads now, String verb, HealthCheck c) {
    HealthCheck existing = now.check(c.node(), c.checkId());
    String which = "check \"" + c.checkId() + "\" on node \"" + c.node() + "\"";
    switch (verb) {
      case "get":
        if (existing == null) throw new CatalogException(which + " doesn't exist");
        return existing;
      case "cas":
        if (!current(existing == null ? null : existing.modifyIndex(), c.modifyIndex())) {
          throw new CatalogException("failed to set " + which + ", index is stale");
        }
        // fall through
      case "set":
        CatalogWrites.registerCheck(b, now, boundToItsService(now, c));
        return b.over(now).check(c.node(), c.checkId());
      case "delete-cas":
        if (existing == null || existing.modifyIndex() != c.modifyIndex()) {
          throw new CatalogException("failed to delete " + which + ", index is stale");
        }
        // fall through
      case "delete":
        CatalogWrites.deregisterCheck(b, now, c.node(), c.checkId());
        return null;
      default:
        throw new CatalogException("unknown Check verb \"" + verb + "\"");
    }
  }

  /** Consul's CAS rule: index 0 means "only if it does not exist", otherwise the modify index must match. */
  private static boolean current(Long existingIndex, long given) {
    return given == 0 ? existingIndex == null : existingIndex != null && existingIndex == given;
  }

  /** A service check carries its service's name and tags, as the catalog stores it. */
  private static HealthCheck boundToItsService(CatalogReads now, HealthCheck c) {
    ServiceInstance owner = c.isNodeCheck() ? null : now.service(c.node(), c.serviceId());
    return owner == null ? c.withIndexes(0, 0) : new HealthCheck(c.node(), c.checkId(), c.name(), c.status(), c.notes(),
        c.output(), c.serviceId(), owner.name(), owner.tags(), c.type(), c.definition(), 0, 0);
  }
}
