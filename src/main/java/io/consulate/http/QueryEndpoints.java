package io.consulate.http;

import io.consulate.catalog.ServiceHealth;
import io.consulate.kv.KvState;
import io.consulate.kv.PreparedQuery;
import io.consulate.query.QueryDefinition;
import io.consulate.query.QueryExecutor;
import io.consulate.query.QueryNotFoundException;
import io.consulate.query.QueryResolver;
import io.consulate.query.QueryResult;
import io.consulate.store.QueryCommand;
import io.consulate.store.Store;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /v1/query}: prepared queries (Consul's prepared_query_endpoint.go): create, list, read, update, delete,
 * {@code execute} (with failover to other datacenters) and {@code explain}. Definitions are replicated writes;
 * execution reads this agent's snapshot. Without ACLs every caller may see a query's token, as Consul's
 * management token does.
 */
final class QueryEndpoints {
  private final Store store;
  private final SnapshotReads<KvState> reads;
  private final QueryExecutor executor;

  QueryEndpoints(Store store, SnapshotReads<KvState> reads, QueryExecutor executor) {
    this.store = store;
    this.reads = reads;
    this.executor = executor;
  }

  Object create(RoutingContext ctx) {
    JsonObject body = body(ctx);
    if (!body.getString("ID", "").isEmpty()) throw new ApiError(500, "ID must be empty when creating a new prepared query");
    PreparedQuery q = stored(UUID.randomUUID().toString(), QueryDefinition.parse(body));
    requireWrite(ctx, q.name());
    return Replies.onContext(store.submit(new QueryCommand.Put(q, true))).map(w -> new JsonObject().put("ID", w.value()));
  }

  Object update(RoutingContext ctx) {
    String id = Params.pathParam(ctx, "id", "Missing query ID");
    PreparedQuery q = stored(id, QueryDefinition.parse(body(ctx)));
    requireWrite(ctx, q.name());
    PreparedQuery before = store.kvState().query(id);
    if (before != null) requireWrite(ctx, before.name());
    return Replies.onContext(store.submit(new QueryCommand.Put(q, false))).map(w -> null);
  }

  Object delete(RoutingContext ctx) {
    String id = Params.pathParam(ctx, "id", "Missing query ID");
    PreparedQuery before = store.kvState().query(id);
    if (before != null) requireWrite(ctx, before.name());
    return Replies.onContext(store.submit(new QueryCommand.Delete(id))).map(w -> null);
  }

  Object list(RoutingContext ctx) {
    return reads.read(ctx, KvState::queryIndex, state -> {
      JsonArray out = new JsonArray();
      for (PreparedQuery q : state.queries()) if (readable(ctx, q)) out.add(json(ctx, q, QueryDefinition.decode(q.definition())));
      return out;
    });
  }

  /** By ID only, as Consul's {@code Get}: a one-element list. */
  Object read(RoutingContext ctx) {
    String id = Params.pathParam(ctx, "id", "Missing query ID");
    return reads.read(ctx, KvState::queryIndex, state -> {
      PreparedQuery q = state.query(id);
      if (q == null) throw ApiError.notFound("Query not found");
      if (!readable(ctx, q)) throw RequestAcl.denied(ctx, "query", "read", q.name());
      return new JsonArray().add(json(ctx, q, QueryDefinition.decode(q.definition())));
    });
  }

  Object execute(RoutingContext ctx) {
    QueryResolver.Resolved r = resolve(ctx);
    int limit = limit(ctx);
    String near = ctx.request().getParam("near", "");
    return Replies.onContext(executor.execute(r.definition(), near, limit)).map(result -> visible(ctx, result)).map(result ->
        new HeadedReply(Map.of("X-Consul-Index", "1", "X-Consul-KnownLeader", "true", "X-Consul-LastContact", "0"),
            executeJson(result)));
  }

  Object explain(RoutingContext ctx) {
    QueryResolver.Resolved r = resolve(ctx);
    if (!readable(ctx, r.stored())) throw RequestAcl.denied(ctx, "query", "read", r.stored().name());
    return new HeadedReply(Map.of("X-Consul-Index", "1"), meta(new JsonObject().put("Query", json(ctx, r.stored(), r.definition()))));
  }

  /** Another datacenter's failover, answered here ({@link QueryExecutor#answerRemote}). */
  Object remote(RoutingContext ctx) {
    return executor.answerRemote(body(ctx), h -> AclFilter.instance(ctx, h));
  }

  /** One of this datacenter's queries run for another datacenter's DNS ({@link QueryExecutor#answerRun}). */
  Object run(RoutingContext ctx) {
    try {
      return Replies.onContext(executor.answerRun(Params.pathParam(ctx, "id", "Missing query ID"),
          h -> AclFilter.instance(ctx, h)));
    } catch (QueryNotFoundException e) {
      throw ApiError.notFound(e.getMessage());
    }
  }

  private QueryResolver.Resolved resolve(RoutingContext ctx) {
    String id = Params.pathParam(ctx, "id", "Missing query ID");
    try {
      return executor.resolve(id);
    } catch (QueryNotFoundException e) {
      throw ApiError.notFound(e.getMessage());
    }
  }

  /** A named query needs query:write on its name; an unnamed one no query rule, as in Consul. */
  private static void requireWrite(RoutingContext ctx, String name) {
    if (!name.isEmpty()) RequestAcl.require(ctx, RequestAcl.authz(ctx).queryWrite(name), "query", "write", name);
  }

  /** Consul's filter: acl:write sees every query, others the named ones their query:read covers. */
  private static boolean readable(RoutingContext ctx, PreparedQuery q) {
    if (RequestAcl.authz(ctx).aclWrite()) return true;
    return !q.name().isEmpty() && AclFilter.query(ctx, q.name());
  }

  /** The instances of a result the caller's token may read (service:read and node:read). */
  private static QueryResult visible(RoutingContext ctx, QueryResult r) {
    List<ServiceHealth> kept = r.nodes().stream().filter(h -> AclFilter.instance(ctx, h)).toList();
    return kept.size() == r.nodes().size() ? r
        : new QueryResult(r.service(), kept, r.dnsTtl(), r.datacenter(), r.failovers());
  }

  private static int limit(RoutingContext ctx) {
    String raw = ctx.request().getParam("limit");
    if (raw == null || raw.isEmpty()) return 0;
    try {
      return Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw new ApiError(500, "Bad limit: strconv.Atoi: parsing \"" + raw + "\": invalid syntax");
    }
  }

  private static JsonObject executeJson(QueryResult r) {
    JsonArray nodes = new JsonArray();
    for (ServiceHealth h : r.nodes()) nodes.add(ConsulJson.serviceHealth(h));
    return meta(new JsonObject().put("Service", r.service()).put("Nodes", nodes)
        .put("DNS", new JsonObject().put("TTL", r.dnsTtl())).put("Datacenter", r.datacenter()).put("PeerName", "")
        .put("Failovers", r.failovers()));
  }

  /** Consul's QueryMeta, flattened into the reply as its structs embed it. */
  private static JsonObject meta(JsonObject reply) {
    return reply.put("Index", 0).put("LastContact", 0).put("KnownLeader", true).put("ConsistencyLevel", "default")
        .put("NotModified", false).put("Backend", 0).put("ResultsFilteredByACLs", false);
  }

  /** A query's stored token is shown only to acl:write (else {@code <hidden>}), as Consul redacts it. */
  private static JsonObject json(RoutingContext ctx, PreparedQuery q, QueryDefinition d) {
    return d.toJson(q.id(), q.createIndex(), q.modifyIndex(), RequestAcl.authz(ctx).aclWrite());
  }

  private static PreparedQuery stored(String id, QueryDefinition d) {
    return new PreparedQuery(id, d.name(), d.session(), d.template().isTemplate(), d.encode(), 0, 0);
  }

  private static JsonObject body(RoutingContext ctx) {
    String raw = ctx.body() == null ? null : ctx.body().asString();
    if (raw == null || raw.isBlank()) return new JsonObject();
    try {
      return new JsonObject(raw);
    } catch (io.vertx.core.json.DecodeException e) {
      throw ApiError.badRequest("Request decode failed: " + e.getMessage());
    }
  }
}
