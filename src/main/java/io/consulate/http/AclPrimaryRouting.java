package io.consulate.http;

import io.consulate.acl.AclState;
import io.consulate.acl.AclToken;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * In a secondary datacenter, the ACL writes that belong to the primary go there, as Consul forwards them: bootstrap,
 * policies, roles and global tokens. Local tokens ({@code "Local": true}, or an existing local token) stay here.
 * The primary's changes come back through replication.
 */
final class AclPrimaryRouting {
  private final String primary;
  private final DatacenterForwarding forwarding;
  private final Supplier<AclState> state;

  AclPrimaryRouting(String primary, DatacenterForwarding forwarding, Supplier<AclState> state) {
    this.primary = primary;
    this.forwarding = forwarding;
    this.state = state;
  }

  /** Whether the request is an ACL write for the primary, and went there. */
  boolean forwarded(RoutingContext ctx) {
    String path = ctx.request().path();
    HttpMethod m = ctx.request().method();
    boolean write = m == HttpMethod.PUT || m == HttpMethod.DELETE || m == HttpMethod.POST;
    if (!write || !path.startsWith("/v1/acl/") || staysLocal(ctx, path)) return false;
    forwarding.forward(ctx, primary);
    return true;
  }

  private boolean staysLocal(RoutingContext ctx, String path) {
    if (!path.startsWith("/v1/acl/token")) return false;
    String body = ctx.body() == null ? null : ctx.body().asString();
    if (body != null && !body.isBlank()) {
      try {
        if (io.consulate.json.Fields.parse(body).bool(false, "Local")) return true;
      } catch (RuntimeException e) {
        return true; // a malformed body is refused here, with the field named, like any other
      }
    }
    String rest = path.substring("/v1/acl/token".length());
    if (rest.startsWith("/")) {
      String accessor = rest.substring(1).split("/")[0];
      AclToken t = state.get().token(accessor);
      return t != null && t.local();
    }
    return false;
  }
}
