package io.consulate.http;

import io.consulate.agent.LocalAgent;
import io.consulate.cluster.CatalogStore;
import io.consulate.cluster.ClusterView;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** The HTTP API's route table: every endpoint on one line, as Consul's http_register.go. */
public final class HttpApi {
  /** Consul refuses bodies over this size; KV values are limited separately. */
  static final long MAX_BODY_BYTES = 1L << 20;

  private HttpApi() {}

  public static Router router(Vertx vertx, CatalogStore store, BlockingQueries blocking, LocalAgent agent,
      AgentInfo info, ClusterView cluster, Supplier<CompletionStage<Void>> reload, Supplier<CompletionStage<Void>> leave) {
    SnapshotReads reads = new SnapshotReads(blocking, info.datacenter(), cluster);
    AgentEndpoints agentApi = new AgentEndpoints(agent, info, reload);
    MemberEndpoints members = new MemberEndpoints(cluster, info, leave);
    CatalogEndpoints catalog = new CatalogEndpoints(store, reads, info.datacenter());
    HealthEndpoints health = new HealthEndpoints(reads);
    StatusEndpoints status = new StatusEndpoints(cluster);

    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    router.errorHandler(413, ctx -> Replies.text(ctx.response(), 413, "Request body too large"));
    router.errorHandler(400, ctx -> Replies.text(ctx.response(), 400, "Bad request"));
    return new RouteTable(router)
        .get("/v1/agent/self", agentApi::agentSelf)
        .get("/v1/agent/members", members::agentMembers)
        .put("/v1/agent/join/:address", members::agentJoin)
        .put("/v1/agent/leave", members::agentLeave)
        .put("/v1/agent/force-leave/:node", members::agentForceLeave)
        .get("/v1/agent/services", agentApi::agentServices)
        .get("/v1/agent/service/:id", agentApi::agentService)
        .put("/v1/agent/service/register", agentApi::agentServiceRegister)
        .put("/v1/agent/service/deregister/:id", agentApi::agentServiceDeregister)
        .put("/v1/agent/reload", agentApi::agentReload)
        .get("/v1/catalog/services", catalog::catalogServices)
        .get("/v1/catalog/service/:service", catalog::catalogService)
        .get("/v1/catalog/nodes", catalog::catalogNodes)
        .get("/v1/catalog/node/:node", catalog::catalogNode)
        .get("/v1/catalog/datacenters", catalog::catalogDatacenters)
        .put("/v1/catalog/register", catalog::catalogRegister)
        .put("/v1/catalog/deregister", catalog::catalogDeregister)
        .get("/v1/health/service/:service", health::healthService)
        .get("/v1/health/checks/:service", health::healthChecks)
        .get("/v1/health/node/:node", health::healthNode)
        .get("/v1/health/state/:state", health::healthState)
        .get("/v1/status/leader", status::statusLeader)
        .get("/v1/status/peers", status::statusPeers)
        .build();
  }
}
