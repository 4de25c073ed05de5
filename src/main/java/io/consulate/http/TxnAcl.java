package io.consulate.http;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.CatalogTxn;
import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.Node;
import io.consulate.catalog.ServiceInstance;
import io.consulate.kv.TxnOp;
import io.consulate.store.TxnCommand;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;

/**
 * What each operation of a transaction needs of the request's token (Consul's txn_endpoint.go vetting): KV reads
 * key:read, KV writes key:write (a tree delete write on the whole prefix), catalog reads and writes node: or
 * service: read or write on what they touch. A transaction with a refused operation is refused whole, each refusal
 * reported at its index (409), before anything is applied.
 */
final class TxnAcl {
  private static final Set<String> KV_READS = Set.of("get", "get-tree", "check-index", "check-session", "check-not-exists");

  private TxnAcl() {}

  /** Why the token may not run {@code step}; null when it may. */
  static ApiError refusal(RoutingContext ctx, TxnCommand.Step step, CatalogSnapshot snap) {
    try {
      if (step instanceof TxnCommand.Kv kv) vetKv(ctx, kv.op());
      else if (step instanceof TxnCommand.Catalog c) vetCatalog(ctx, c.op(), snap);
      return null;
    } catch (ApiError e) {
      return e;
    }
  }

  private static void vetKv(RoutingContext ctx, TxnOp op) {
    var a = RequestAcl.authz(ctx);
    if (KV_READS.contains(op.verb())) RequestAcl.require(ctx, a.keyRead(op.key()), "key", "read", op.key());
    else if (op.verb().equals("delete-tree")) RequestAcl.require(ctx, a.keyWritePrefix(op.key()), "key", "write", op.key());
    else RequestAcl.require(ctx, a.keyWrite(op.key()), "key", "write", op.key());
  }

  /**
   * The operation's entry as given, and the stored one it acts on (by node and ID): a request cannot name its way
   * into another service's rights.
   */
  private static void vetCatalog(RoutingContext ctx, CatalogTxn.Op op, CatalogSnapshot snap) {
    boolean write = !op.verb().equals("get");
    if (op.entry() instanceof Node n) {
      vetNode(ctx, n.name(), write);
    } else if (op.entry() instanceof ServiceInstance s) {
      vetService(ctx, s.name(), write);
      ServiceInstance stored = snap.service(s.node(), s.id());
      if (stored != null) vetService(ctx, stored.name(), write);
    } else if (op.entry() instanceof HealthCheck c) {
      HealthCheck stored = snap.checksOnNode(c.node()).stream().filter(x -> x.checkId().equals(c.checkId())).findFirst()
          .orElse(null);
      for (HealthCheck check : stored == null ? List.of(c) : List.of(c, stored)) {
        ServiceInstance owner = check.isNodeCheck() ? null : snap.service(check.node(), check.serviceId());
        if (check.isNodeCheck()) vetNode(ctx, check.node(), write);
        else vetService(ctx, owner != null ? owner.name() : check.serviceName(), write);
      }
    }
  }

  private static void vetNode(RoutingContext ctx, String node, boolean write) {
    var a = RequestAcl.authz(ctx);
    RequestAcl.require(ctx, write ? a.nodeWrite(node) : a.nodeRead(node), "node", write ? "write" : "read", node);
  }

  private static void vetService(RoutingContext ctx, String service, boolean write) {
    var a = RequestAcl.authz(ctx);
    RequestAcl.require(ctx, write ? a.serviceWrite(service) : a.serviceRead(service), "service", write ? "write" : "read",
        service);
  }

  /** Whether a transaction's result may be shown: a tree read's keys and catalog reads, filtered as reads are. */
  static boolean visible(RoutingContext ctx, Object result) {
    if (result instanceof io.consulate.kv.KvEntry e) return AclFilter.key(ctx, e.key());
    if (result instanceof Node n) return AclFilter.node(ctx, n.name());
    if (result instanceof ServiceInstance s) return AclFilter.instance(ctx, s.name(), s.node());
    return !(result instanceof HealthCheck c) || AclFilter.check(ctx, c);
  }
}
