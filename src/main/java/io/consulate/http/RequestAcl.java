package io.consulate.http;

import io.consulate.acl.AclNotFoundException;
import io.consulate.acl.AclResolver;
import io.consulate.acl.AclResolver.Identity;
import io.consulate.acl.Authorizer;
import io.consulate.acl.BuiltinPolicies;
import io.vertx.ext.web.RoutingContext;

/**
 * Who a request is, with ACLs on: its token (Consul's order, agent/http.go: the deprecated {@code ?token=}, then
 * {@code X-Consul-Token}, then {@code Authorization: Bearer}) resolved once, before any endpoint runs, into
 * an {@link Identity} kept with the request. A secret no token has is refused with Consul's 403 "ACL not found".
 * With ACLs off no resolver is installed and every request is {@link AclResolver#OPEN}.
 */
public final class RequestAcl {
  private static final String KEY = "consulate.acl.identity";
  /** Set when a read dropped something the token may not see (Consul's X-Consul-Results-Filtered-By-ACLs). */
  private static final String FILTERED = "consulate.acl.filtered";
  /** Set when the request carried a token or the agent has a default one. */
  private static final String NAMED = "consulate.acl.named";
  static final String FILTERED_HEADER = "X-Consul-Results-Filtered-By-ACLs";

  private RequestAcl() {}

  /** Resolves the request's token and passes it on, or refuses an unknown one. */
  static void resolve(AclResolver resolver, RoutingContext ctx) {
    ctx.response().putHeader("X-Consul-Default-ACL-Policy", resolver.defaultPolicy());
    try {
      String secret = secret(ctx);
      ctx.put(KEY, resolver.resolve(secret));
      if (!secret.isEmpty() || resolver.hasDefaultToken()) ctx.put(NAMED, Boolean.TRUE);
    } catch (AclNotFoundException e) {
      Replies.text(ctx.response(), 403, e.getMessage());
      return;
    }
    ctx.next();
  }

  /** The request's SecretID as sent; empty when it carries none. */
  static String secret(RoutingContext ctx) {
    String query = ctx.request().query();
    // Decoding the query string costs more than the rest of the resolution: only when a token may be in it.
    String param = query != null && query.contains("token=") ? ctx.request().getParam("token") : null;
    if (param != null && !param.isEmpty()) return param;
    String header = ctx.request().getHeader("X-Consul-Token");
    if (header != null && !header.isEmpty()) return header;
    String auth = ctx.request().getHeader("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) return auth.substring(7).trim();
    return "";
  }

  public static Identity identity(RoutingContext ctx) {
    Identity id = ctx.get(KEY);
    return id != null ? id : AclResolver.OPEN;
  }

  public static Authorizer authz(RoutingContext ctx) {
    return identity(ctx).authorizer();
  }

  /**
   * Refuses the request unless {@code allowed}, with Consul's message: {@code Permission denied: token with
   * AccessorID '<id>' lacks permission '<resource>:<level>' on "<name>"} (no {@code on} part for a global one).
   */
  static void require(RoutingContext ctx, boolean allowed, String resource, String level, String name) {
    if (allowed) return;
    throw denied(ctx, resource, level, name);
  }

  static void serviceWrite(RoutingContext ctx, String service) {
    require(ctx, authz(ctx).serviceWrite(service), "service", "write", service);
  }

  static void nodeWrite(RoutingContext ctx, String node) {
    require(ctx, authz(ctx).nodeWrite(node), "node", "write", node);
  }

  /** {@code endpoint}, served only to a token with agent:read on this agent's node. */
  static Endpoint agentRead(String node, Endpoint endpoint) {
    return ctx -> {
      require(ctx, authz(ctx).agentRead(node), "agent", "read", node);
      return endpoint.handle(ctx);
    };
  }

  static Endpoint operatorRead(Endpoint endpoint) {
    return ctx -> {
      require(ctx, authz(ctx).operatorRead(), "operator", "read", null);
      return endpoint.handle(ctx);
    };
  }

  /** Snapshots: a management token's (Consul's SnapshotAllowed is acl:write). */
  static Endpoint management(Endpoint endpoint) {
    return ctx -> {
      require(ctx, authz(ctx).aclWrite(), "acl", "write", null);
      return endpoint.handle(ctx);
    };
  }

  static ApiError denied(RoutingContext ctx, String resource, String level, String name) {
    String accessor = identity(ctx).accessorId();
    boolean anonymous = accessor.equals(BuiltinPolicies.ANONYMOUS_TOKEN_ACCESSOR_ID);
    StringBuilder m = new StringBuilder("Permission denied: ");
    m.append(accessor.isEmpty() ? "provided token" : anonymous ? "anonymous token" : "token with AccessorID '" + accessor + "'");
    m.append(" lacks permission '").append(resource).append(':').append(level).append('\'');
    if (name != null && !name.isEmpty()) m.append(" on \"").append(name).append('"');
    if (anonymous) m.append(". The anonymous token is used implicitly when a request does not specify a token.");
    return new ApiError(403, m.toString());
  }

  /**
   * {@code visible}, and when it is false, the request's reply says a result was filtered out; as Consul, only to a
   * request that named a token (its default included), so an anonymous caller learns nothing of what it cannot see.
   */
  public static boolean visible(RoutingContext ctx, boolean visible) {
    if (!visible && ctx.get(NAMED) != null) ctx.put(FILTERED, Boolean.TRUE);
    return visible;
  }

  /** Whether a read dropped something; clears the mark, so each rendering of a blocking read starts afresh. */
  static boolean takeFiltered(RoutingContext ctx) {
    return ctx.remove(FILTERED) != null;
  }

  /** {@code value}, with Consul's header saying a result was filtered out when the read dropped one. */
  static Object markFiltered(RoutingContext ctx, Object value) {
    if (!takeFiltered(ctx)) return value;
    if (value instanceof HeadedReply h) {
      java.util.Map<String, String> headers = new java.util.HashMap<>(h.headers());
      headers.put(FILTERED_HEADER, "true");
      return new HeadedReply(headers, h.body());
    }
    return new HeadedReply(java.util.Map.of(FILTERED_HEADER, "true"), value);
  }

  /** A key for caching a rendering per request: the same token sees the same result. */
  static String cacheKey(RoutingContext ctx) {
    return identity(ctx).cacheKey();
  }
}
