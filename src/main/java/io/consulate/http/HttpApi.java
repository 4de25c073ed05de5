package io.consulate.http;

import io.consulate.acl.AclState;
import io.consulate.local.AgentChecks;
import io.consulate.local.LocalAgent;
import io.consulate.catalog.CatalogSnapshot;
import io.consulate.kv.KvState;
import io.consulate.cluster.ClusterView;
import io.consulate.cluster.Datacenters;
import io.consulate.query.QueryExecutor;
import io.consulate.store.Store;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The HTTP API's route table: every endpoint on one line, as Consul's http_register.go. */
public final class HttpApi {
  /** Consul refuses bodies over this size; KV values are limited separately. */
  static final long MAX_BODY_BYTES = 1L << 20;
  /** A snapshot to restore is the whole state: bodies of {@code PUT /v1/snapshot} may be this large. */
  static final long MAX_SNAPSHOT_BYTES = 256L << 20;

  private HttpApi() {}

  /** {@code moreRoutes} adds routes served before the API's answer for unknown paths (the web UI). */
  public static Router router(Vertx vertx, Store store, BlockingQueries<CatalogSnapshot> blocking, LocalAgent agent,
      AgentChecks checks, AgentInfo info, ClusterView cluster, Supplier<CompletionStage<Void>> reload,
      Supplier<CompletionStage<Void>> leave, BlockingQueries<KvState> kvBlocking, Clock clock,
      PrometheusMeterRegistry metrics, LogStream log, Datacenters datacenters, QueryExecutor queryExecutor,
      AclHttp acl, Consumer<Router> moreRoutes) {
    SnapshotReads<CatalogSnapshot> reads = new SnapshotReads<>(blocking, info.datacenter(), cluster, store::barrier);
    AgentEndpoints agentApi = new AgentEndpoints(agent, info, cluster, reload);
    AgentCheckEndpoints checkApi = new AgentCheckEndpoints(store, agent, checks);
    MemberEndpoints members = new MemberEndpoints(cluster, info, leave, datacenters);
    CatalogEndpoints catalog = new CatalogEndpoints(store, reads, info.datacenter(), datacenters);
    DatacenterForwarding forwarding = new DatacenterForwarding(info.datacenter(), datacenters);
    CatalogEntriesEndpoints entries = new CatalogEntriesEndpoints(reads);
    HealthEndpoints health = new HealthEndpoints(reads);
    StatusEndpoints status = new StatusEndpoints(cluster);
    SnapshotReads<KvState> kvReads = new SnapshotReads<>(kvBlocking, info.datacenter(), cluster, store::barrier);
    QueryEndpoints queries = new QueryEndpoints(store, kvReads, queryExecutor);
    KvEndpoints kv = new KvEndpoints(store, kvReads, clock);
    SessionEndpoints session = new SessionEndpoints(store, kvReads, info.nodeName(), clock);
    TxnEndpoint txn = new TxnEndpoint(store, clock, info.datacenter());
    MetricsEndpoint metricsApi = new MetricsEndpoint(metrics, clock);
    AgentHealthEndpoints agentHealth = new AgentHealthEndpoints(store, agent, info.datacenter());
    HostEndpoint hostApi = new HostEndpoint(clock);
    EventEndpoints eventApi = new EventEndpoints(store, agent.events(), info.datacenter());
    SnapshotEndpoint snapshotApi = new SnapshotEndpoint(store, info.datacenter(), info.nodeName(), clock);
    MonitorEndpoint monitorApi = new MonitorEndpoint(log);
    SnapshotReads<AclState> aclReads = new SnapshotReads<>(new BlockingQueries<>(vertx, store.aclSnapshots()),
        info.datacenter(), cluster, store::barrier);
    AclEndpoints aclApi = new AclEndpoints(store, aclReads, acl != null, clock,
        acl == null ? null : acl.replication(), acl == null ? null : acl.setToken());

    Router router = Router.router(vertx);
    router.route().handler(HttpApi::rawBodies);
    BodyHandler bodies = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
    BodyHandler snapshots = BodyHandler.create(false).setBodyLimit(MAX_SNAPSHOT_BYTES);
    router.route().handler(ctx -> (ctx.request().path().equals("/v1/snapshot") ? snapshots : bodies).handle(ctx));
    router.errorHandler(413, ctx -> Replies.text(ctx.response(), 413, "Request body too large"));
    router.errorHandler(400, ctx -> Replies.text(ctx.response(), 400, "Bad request"));
    router.route("/v1/*").handler(acl == null ? forwarding::handle : entry(acl, forwarding, store, info.datacenter()));
    // The web UI's assets and summary endpoints (package ui, above this one): before the 404 for unknown paths.
    moreRoutes.accept(router);
    return new RouteTable(router, new RouteMetrics(metrics))
        .get("/v1/agent/self", agentApi::agentSelf)
        .get("/v1/agent/version", agentApi::agentVersion)
        .get("/v1/agent/host", RequestAcl.operatorRead(hostApi::host))
        .get("/v1/agent/health/service/id/:id", agentHealth::byId)
        .get("/v1/agent/health/service/name/:name", agentHealth::byName)
        .get("/v1/agent/metrics", RequestAcl.agentRead(info.nodeName(), metricsApi::metrics))
        .get("/v1/agent/monitor", RequestAcl.agentRead(info.nodeName(), monitorApi::monitor))
        .get("/v1/agent/members", members::agentMembers)
        .put("/v1/agent/join/:address", members::agentJoin)
        .put("/v1/agent/leave", members::agentLeave)
        .put("/v1/agent/force-leave/:node", members::agentForceLeave)
        .get("/v1/agent/services", agentApi::agentServices)
        .get("/v1/agent/service/:id", agentApi::agentService)
        .put("/v1/agent/service/register", agentApi::agentServiceRegister)
        .put("/v1/agent/service/deregister/:id", agentApi::agentServiceDeregister)
        .put("/v1/agent/reload", agentApi::agentReload)
        .get("/v1/agent/checks", checkApi::agentChecks)
        .put("/v1/agent/check/register", checkApi::agentCheckRegister)
        .put("/v1/agent/check/deregister/:id", checkApi::agentCheckDeregister)
        .put("/v1/agent/check/pass/:id", checkApi::agentCheckPass)
        .put("/v1/agent/check/warn/:id", checkApi::agentCheckWarn)
        .put("/v1/agent/check/fail/:id", checkApi::agentCheckFail)
        .put("/v1/agent/check/update/:id", checkApi::agentCheckUpdate)
        .put("/v1/agent/maintenance", checkApi::agentMaintenance)
        .put("/v1/agent/service/maintenance/:id", checkApi::agentServiceMaintenance)
        .get("/v1/catalog/services", catalog::catalogServices)
        .get("/v1/catalog/service/:service", catalog::catalogService)
        .get("/v1/catalog/nodes", catalog::catalogNodes)
        .get("/v1/catalog/node/:node", catalog::catalogNode)
        .get("/v1/catalog/node-services/:node", catalog::catalogNodeServices)
        .get("/v1/catalog/datacenters", catalog::catalogDatacenters)
        .get(CatalogEntriesEndpoints.SERVICE_PATH, entries::service)
        .get(CatalogEntriesEndpoints.NODE_PATH, entries::node)
        .post("/v1/query", queries::create)
        .get("/v1/query", queries::list)
        .get("/v1/query/:id", queries::read)
        .put("/v1/query/:id", queries::update)
        .delete("/v1/query/:id", queries::delete)
        .get("/v1/query/:id/execute", queries::execute)
        .get("/v1/query/:id/explain", queries::explain)
        .post(QueryExecutor.REMOTE_PATH, queries::remote)
        .get(QueryExecutor.RUN_PATH + ":id", queries::run)
        .put("/v1/catalog/register", catalog::catalogRegister)
        .put("/v1/catalog/deregister", catalog::catalogDeregister)
        .get("/v1/health/service/:service", health::healthService)
        .get("/v1/health/checks/:service", health::healthChecks)
        .get("/v1/health/node/:node", health::healthNode)
        .get("/v1/health/state/:state", health::healthState)
        .get("/v1/status/leader", status::statusLeader)
        .get("/v1/status/peers", status::statusPeers)
        .get("/v1/kv/*", kv::kvGet)
        .put("/v1/kv/*", kv::kvPut)
        .delete("/v1/kv/*", kv::kvDelete)
        .put("/v1/txn", txn::txn)
        .put("/v1/event/fire/", eventApi::missingName)
        .put("/v1/event/fire/:name", eventApi::fire)
        .get("/v1/event/list", eventApi::list)
        .get("/v1/snapshot", RequestAcl.management(snapshotApi::save))
        .put("/v1/snapshot", RequestAcl.management(snapshotApi::restore))
        .put("/v1/acl/bootstrap", aclApi::bootstrap)
        .put("/v1/acl/token", aclApi::tokenCreate)
        .get("/v1/acl/token/self", aclApi::tokenSelf)
        .get("/v1/acl/token/:id", aclApi::tokenRead)
        .put("/v1/acl/token/:id", aclApi::tokenUpdate)
        .delete("/v1/acl/token/:id", aclApi::tokenDelete)
        .put("/v1/acl/token/:id/clone", aclApi::tokenClone)
        .get("/v1/acl/tokens", aclApi::tokenList)
        .put("/v1/acl/policy", aclApi::policyCreate)
        .get("/v1/acl/policy/name/:name", aclApi::policyReadByName)
        .get("/v1/acl/policy/:id", aclApi::policyRead)
        .put("/v1/acl/policy/:id", aclApi::policyUpdate)
        .delete("/v1/acl/policy/:id", aclApi::policyDelete)
        .get("/v1/acl/policies", aclApi::policyList)
        .put("/v1/acl/role", aclApi::roleCreate)
        .get("/v1/acl/role/name/:name", aclApi::roleReadByName)
        .get("/v1/acl/role/:id", aclApi::roleRead)
        .put("/v1/acl/role/:id", aclApi::roleUpdate)
        .delete("/v1/acl/role/:id", aclApi::roleDelete)
        .get("/v1/acl/roles", aclApi::roleList)
        .get("/v1/acl/replication", aclApi::replication)
        .put("/v1/agent/token/:kind", ctx -> aclApi.agentToken(ctx, info.nodeName()))
        .get(io.consulate.store.AclReplicator.SOURCE_PATH, aclApi::replicationSource)
        .put("/v1/session/create", session::sessionCreate)
        .put("/v1/session/destroy/:id", session::sessionDestroy)
        .put("/v1/session/renew/:id", session::sessionRenew)
        .get("/v1/session/info/:id", session::sessionInfo)
        .get("/v1/session/node/:node", session::sessionNode)
        .get("/v1/session/list", session::sessionList)
        .build();
  }

  /**
   * With ACLs, one handler before every endpoint (a routing step costs as much as the rest): a request for another
   * datacenter goes there with its token; in a secondary datacenter, an ACL write for the primary goes to it; every
   * other request's token is resolved here, once.
   */
  private static io.vertx.core.Handler<RoutingContext> entry(AclHttp acl, DatacenterForwarding forwarding, Store store,
      String datacenter) {
    AclPrimaryRouting primary = acl.primaryDatacenter().equals(datacenter) ? null
        : new AclPrimaryRouting(acl.primaryDatacenter(), forwarding, store::aclState);
    return ctx -> {
      if (forwarding.forwarded(ctx) || (primary != null && primary.forwarded(ctx))) return;
      RequestAcl.resolve(acl.resolver(), ctx);
    };
  }

  /**
   * Consul reads every body as raw bytes; curl's default form content type would make the body handler
   * decode it as form fields, which garbles binary KV values and caps them at 8 KiB, so that type is dropped.
   */
  private static void rawBodies(RoutingContext ctx) {
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/"))) {
      ctx.request().headers().remove(HttpHeaders.CONTENT_TYPE);
    }
    ctx.next();
  }
}
