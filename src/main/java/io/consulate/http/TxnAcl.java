package io.consulate.http;

import io.consulate.catalog.CatalogTxn;
import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.Node;
import io.consulate.catalog.ServiceInstance;
import io.consulate.kv.TxnOp;
import io.consulate.store.TxnCommand;
import io.vertx.ext.web.RoutingContext;
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
  static ApiError refusal(RoutingContext ctx, TxnCommand.Step step) {
    try {
      if (step instanceof TxnCommand.Kv kv) vetKv(ctx, kv.op());
      else if (step instanceof TxnCommand.Catalog c) vetCatalog(ctx, c.op());
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

  private static void vetCatalog(RoutingContext ctx, CatalogTxn.Op op) {
    boolean write = !op.verb().equals("get");
    var a = RequestAcl.authz(ctx);
    String level = write ? "write" : "read";
    if (op.entry() instanceof Node n) {
      RequestAcl.require(ctx, write ? a.nodeWrite(n.name()) : a.nodeRead(n.name()), "node", level, n.name());
    } else if (op.entry() instanceof ServiceInstance s) {
      RequestAcl.require(ctx, write ? a.serviceWrite(s.name()) : a.serviceRead(s.name()), "service", level, s.name());
    } else if (op.entry() instanceof HealthCheck c && c.isNodeCheck()) {
      RequestAcl.require(ctx, write ? a.nodeWrite(c.node()) : a.nodeRead(c.node()), "node", level, c.node());
    } else if (op.entry() instanceof HealthCheck c) {
      String service = c.serviceName();
      RequestAcl.require(ctx, write ? a.serviceWrite(service) : a.serviceRead(service), "service", level, service);
    }
  }
}
