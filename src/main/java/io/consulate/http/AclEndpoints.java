package io.consulate.http;

import io.consulate.acl.AclJson;
import io.consulate.acl.AclLink;
import io.consulate.acl.AclPolicy;
import io.consulate.acl.AclRole;
import io.consulate.acl.AclState;
import io.consulate.acl.AclToken;
import io.consulate.acl.Authorizer;
import io.consulate.json.Fields;
import io.consulate.store.AclCommand;
import io.consulate.store.Store;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * {@code /v1/acl/*} (Consul's agent/acl_endpoint.go): bootstrap, tokens, policies and roles. Writes are replicated
 * commands checked by the leader; reads serve this node's ACL state. Reading needs {@code acl:read}, writing
 * {@code acl:write}; a token's SecretID is shown only to {@code acl:write} (else {@code <hidden>}), except to the
 * token itself ({@code /v1/acl/token/self}). With ACLs off every endpoint answers 401 "ACL support disabled".
 */
final class AclEndpoints {
  private static final String HIDDEN = "<hidden>";

  private final Store store;
  private final SnapshotReads<AclState> reads;
  private final boolean enabled;
  private final Clock clock;
  /** This datacenter's replication from the primary; null in the primary (and with ACLs off). */
  private final java.util.function.Supplier<JsonObject> replication;

  private final java.util.function.BiPredicate<String, String> setToken;

  AclEndpoints(Store store, SnapshotReads<AclState> reads, boolean enabled, Clock clock,
      java.util.function.Supplier<JsonObject> replication, java.util.function.BiPredicate<String, String> setToken) {
    this.setToken = setToken;
    this.store = store;
    this.reads = reads;
    this.enabled = enabled;
    this.clock = clock;
    this.replication = replication;
  }

  /**
   * {@code PUT /v1/agent/token/<kind>} with {@code {"Token": "..."}}: replaces one of the agent's tokens until it
   * restarts; needs agent:write on this agent's node, as Consul.
   */
  Object agentToken(RoutingContext ctx, String node) {
    enabled();
    RequestAcl.require(ctx, RequestAcl.authz(ctx).agentWrite(node), "agent", "write", node);
    String kind = ctx.pathParam("kind");
    String token = body(ctx).string("", "Token");
    if (!setToken.test(kind, token)) throw ApiError.notFound("Token \"" + kind + "\" is unknown");
    return null;
  }

  /** Consul's {@code /v1/acl/replication}: no token needed; the primary answers that it does not replicate. */
  Object replication(RoutingContext ctx) {
    enabled();
    if (replication != null) return replication.get();
    return new JsonObject().put("Enabled", false).put("Running", false).put("SourceDatacenter", "")
        .put("ReplicationType", "").put("ReplicatedIndex", 0).put("ReplicatedRoleIndex", 0)
        .put("ReplicatedTokenIndex", 0).put("LastSuccess", "0001-01-01T00:00:00Z")
        .put("LastError", "0001-01-01T00:00:00Z").put("LastErrorMessage", "");
  }

  /**
   * What a secondary datacenter replicates ({@link io.consulate.store.AclReplicator}): every policy and role and the
   * global tokens, secrets included, blocking on the ACL index; the replication token needs acl:write.
   */
  Object replicationSource(RoutingContext ctx) {
    aclWrite(ctx);
    return reads.read(ctx, AclState::index, s -> {
      JsonArray policies = new JsonArray();
      for (AclPolicy p : s.policies()) policies.add(AclJson.policy(p));
      JsonArray roles = new JsonArray();
      for (AclRole r : s.roles()) roles.add(AclJson.role(r));
      JsonArray tokens = new JsonArray();
      for (AclToken t : s.tokens()) if (!t.local()) tokens.add(AclJson.token(t));
      return new JsonObject().put("Policies", policies).put("Roles", roles).put("Tokens", tokens)
          .put("Bootstrapped", s.bootstrapIndex() != 0);
    });
  }

  Object bootstrap(RoutingContext ctx) {
    enabled();
    AclToken t = new AclToken(uuid(), uuid(), "Bootstrap Token (Global Management)", java.util.List.of(),
        java.util.List.of(), java.util.List.of(), java.util.List.of(), false, now(), "", 0, 0);
    return Replies.onContext(store.submit(new AclCommand.Bootstrap(t)))
        .map(w -> AclJson.token(w.value()).put("ID", w.value().secretId()))
        .recover(e -> {
          Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
          return io.vertx.core.Future.failedFuture(cause instanceof io.consulate.acl.AclException
              ? new ApiError(403, "Permission denied: " + cause.getMessage()) : cause);
        });
  }

  // ---- tokens

  Object tokenCreate(RoutingContext ctx) {
    aclWrite(ctx);
    AclToken t = AclJson.token(body(ctx), uuid(), uuid(), now());
    return Replies.onContext(store.submit(new AclCommand.PutToken(t, true))).map(w -> AclJson.token(w.value()));
  }

  Object tokenRead(RoutingContext ctx) {
    aclRead(ctx);
    String id = ctx.pathParam("id");
    return reads.read(ctx, AclState::tokenIndex, s -> {
      AclToken t = s.token(id);
      if (t == null) throw new ApiError(403, "Requested token does not exist: ACL not found");
      return shown(ctx, t);
    });
  }

  Object tokenSelf(RoutingContext ctx) {
    enabled();
    String accessor = RequestAcl.identity(ctx).accessorId();
    return reads.read(ctx, AclState::tokenIndex, s -> {
      AclToken t = s.token(accessor);
      if (t == null) throw new ApiError(403, "ACL not found");
      return AclJson.token(t);
    });
  }

  Object tokenUpdate(RoutingContext ctx) {
    aclWrite(ctx);
    String id = ctx.pathParam("id");
    AclToken existing = store.aclState().token(id);
    Fields f = body(ctx);
    String given = f.string("", "AccessorID");
    if (!given.isEmpty() && !given.equals(id)) {
      throw ApiError.badRequest("Token Accessor ID in URL and payload do not match");
    }
    String secret = existing == null ? "" : existing.secretId();
    AclToken t = AclJson.token(f, id, f.string(secret, "SecretID"), existing == null ? now() : existing.createTime());
    return Replies.onContext(store.submit(new AclCommand.PutToken(t, false))).map(w -> AclJson.token(w.value()));
  }

  Object tokenClone(RoutingContext ctx) {
    aclWrite(ctx);
    AclToken source = store.aclState().token(ctx.pathParam("id"));
    if (source == null) throw new ApiError(403, "ACL not found");
    String description = body(ctx).string(source.description(), "Description");
    AclToken copy = new AclToken(uuid(), uuid(), description, source.policies(), source.roles(),
        source.serviceIdentities(), source.nodeIdentities(), source.local(), now(), "", 0, 0);
    return Replies.onContext(store.submit(new AclCommand.PutToken(copy, true))).map(w -> AclJson.token(w.value()));
  }

  Object tokenDelete(RoutingContext ctx) {
    aclWrite(ctx);
    String by = RequestAcl.identity(ctx).accessorId();
    return Replies.onContext(store.submit(new AclCommand.DeleteToken(ctx.pathParam("id"), by))).map(w -> Boolean.TRUE);
  }

  /** The token list (Consul's ACLTokenListStub), optionally only those linking a policy or role. */
  Object tokenList(RoutingContext ctx) {
    aclRead(ctx);
    String policy = ctx.request().getParam("policy", "");
    String role = ctx.request().getParam("role", "");
    return reads.read(ctx, AclState::tokenIndex, s -> {
      JsonArray out = new JsonArray();
      for (AclToken t : s.tokens()) {
        if (!policy.isEmpty() && t.policies().stream().noneMatch(l -> l.id().equals(policy))) continue;
        if (!role.isEmpty() && t.roles().stream().noneMatch(l -> l.id().equals(role))) continue;
        JsonObject stub = shown(ctx, t);
        stub.put("Legacy", false);
        out.add(stub);
      }
      return out;
    });
  }

  // ---- policies

  Object policyCreate(RoutingContext ctx) {
    aclWrite(ctx);
    AclPolicy p = AclJson.policy(body(ctx), uuid());
    return Replies.onContext(store.submit(new AclCommand.PutPolicy(p, true))).map(w -> AclJson.policy(w.value()));
  }

  Object policyRead(RoutingContext ctx) {
    aclRead(ctx);
    String id = ctx.pathParam("id");
    return reads.read(ctx, AclState::policyIndex, s -> found(s.policy(id), "policy"));
  }

  Object policyReadByName(RoutingContext ctx) {
    aclRead(ctx);
    String name = ctx.pathParam("name");
    return reads.read(ctx, AclState::policyIndex, s -> found(s.policyByName(name), "policy"));
  }

  Object policyUpdate(RoutingContext ctx) {
    aclWrite(ctx);
    String id = ctx.pathParam("id");
    Fields f = body(ctx);
    String given = f.string("", "ID");
    if (!given.isEmpty() && !given.equals(id)) throw ApiError.badRequest("Policy ID in URL and payload do not match");
    AclPolicy p = AclJson.policy(f, id);
    return Replies.onContext(store.submit(new AclCommand.PutPolicy(p, false))).map(w -> AclJson.policy(w.value()));
  }

  Object policyDelete(RoutingContext ctx) {
    aclWrite(ctx);
    return Replies.onContext(store.submit(new AclCommand.DeletePolicy(ctx.pathParam("id")))).map(w -> Boolean.TRUE);
  }

  /** Consul's ACLPolicyListStub: no Rules. */
  Object policyList(RoutingContext ctx) {
    aclRead(ctx);
    return reads.read(ctx, AclState::policyIndex, s -> {
      JsonArray out = new JsonArray();
      for (AclPolicy p : s.policies()) {
        JsonObject stub = AclJson.policy(p);
        stub.remove("Rules");
        out.add(stub);
      }
      return out;
    });
  }

  // ---- roles

  Object roleCreate(RoutingContext ctx) {
    aclWrite(ctx);
    AclRole r = AclJson.role(body(ctx), uuid());
    return Replies.onContext(store.submit(new AclCommand.PutRole(r, true))).map(w -> AclJson.role(w.value()));
  }

  Object roleRead(RoutingContext ctx) {
    aclRead(ctx);
    String id = ctx.pathParam("id");
    return reads.read(ctx, AclState::roleIndex, s -> found(s.role(id), "role"));
  }

  Object roleReadByName(RoutingContext ctx) {
    aclRead(ctx);
    String name = ctx.pathParam("name");
    return reads.read(ctx, AclState::roleIndex, s -> found(s.roleByName(name), "role"));
  }

  Object roleUpdate(RoutingContext ctx) {
    aclWrite(ctx);
    String id = ctx.pathParam("id");
    Fields f = body(ctx);
    String given = f.string("", "ID");
    if (!given.isEmpty() && !given.equals(id)) throw ApiError.badRequest("Role ID in URL and payload do not match");
    AclRole r = AclJson.role(f, id);
    return Replies.onContext(store.submit(new AclCommand.PutRole(r, false))).map(w -> AclJson.role(w.value()));
  }

  Object roleDelete(RoutingContext ctx) {
    aclWrite(ctx);
    return Replies.onContext(store.submit(new AclCommand.DeleteRole(ctx.pathParam("id")))).map(w -> Boolean.TRUE);
  }

  Object roleList(RoutingContext ctx) {
    aclRead(ctx);
    String policy = ctx.request().getParam("policy", "");
    return reads.read(ctx, AclState::roleIndex, s -> {
      JsonArray out = new JsonArray();
      for (AclRole r : s.roles()) {
        if (policy.isEmpty() || r.policies().stream().map(AclLink::id).anyMatch(policy::equals)) out.add(AclJson.role(r));
      }
      return out;
    });
  }

  // ----

  private void enabled() {
    if (!enabled) throw new ApiError(401, "ACL support disabled");
  }

  private void aclRead(RoutingContext ctx) {
    enabled();
    RequestAcl.require(ctx, RequestAcl.authz(ctx).aclRead(), "acl", "read", null);
  }

  private void aclWrite(RoutingContext ctx) {
    enabled();
    RequestAcl.require(ctx, RequestAcl.authz(ctx).aclWrite(), "acl", "write", null);
  }

  /** A token as this request may see it: its SecretID only with acl:write. */
  private static JsonObject shown(RoutingContext ctx, AclToken t) {
    Authorizer a = RequestAcl.authz(ctx);
    JsonObject j = AclJson.token(t);
    if (!a.aclWrite()) j.put("SecretID", HIDDEN);
    return j;
  }

  /** Consul's answer for an unknown one: 403, since its text says "ACL not found" (agent/http.go isForbidden). */
  private static JsonObject found(Object item, String kind) {
    if (item instanceof AclPolicy p) return AclJson.policy(p);
    if (item instanceof AclRole r) return AclJson.role(r);
    throw new ApiError(403, "Requested " + kind + " does not exist: ACL not found");
  }

  private String now() {
    return OffsetDateTime.now(clock).toString();
  }

  private static String uuid() {
    return UUID.randomUUID().toString();
  }

  private static Fields body(RoutingContext ctx) {
    String raw = ctx.body() == null ? null : ctx.body().asString();
    if (raw == null || raw.isBlank()) return Fields.of(new JsonObject());
    return Fields.parse(raw);
  }
}
