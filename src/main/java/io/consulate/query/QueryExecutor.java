package io.consulate.query;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.ServiceHealth;
import io.consulate.cluster.Datacenters;
import io.consulate.cluster.ForwardedReply;
import io.consulate.cluster.ForwardedRequest;
import io.consulate.kv.KvState;
import io.consulate.store.EntryCodec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Runs prepared queries for the HTTP API and DNS alike (Consul's {@code PreparedQuery.Execute}): resolve the name,
 * select here, and when nothing is left here, ask the failover datacenters in order until one has instances. A
 * remote datacenter runs the query as given (it need not be stored there), selects without failing over, and
 * answers its instances' catalog entries ({@link #answerRemote}), which become the reply here.
 */
public final class QueryExecutor {
  private static final Logger LOG = Logger.getLogger(QueryExecutor.class.getName());
  /** Where a server answers another datacenter's failover ({@link #answerRemote}). Not part of Consul's API. */
  public static final String REMOTE_PATH = "/v1/internal/consulate/query-execute";
  /** Where a server runs one of its own stored queries for another datacenter ({@link #answerRun}). */
  public static final String RUN_PATH = "/v1/internal/consulate/query-run/";
  private static final long REMOTE_TIMEOUT_MILLIS = 10_000;

  private final Supplier<CatalogSnapshot> catalog;
  private final Supplier<KvState> state;
  private final Datacenters datacenters;
  private final String datacenter;
  private final String nodeName;

  public QueryExecutor(Supplier<CatalogSnapshot> catalog, Supplier<KvState> state, Datacenters datacenters,
      String datacenter, String nodeName) {
    this.catalog = catalog;
    this.state = state;
    this.datacenters = datacenters;
    this.datacenter = datacenter;
    this.nodeName = nodeName;
  }

  /** The stored query answering {@code idOrName}, rendered for it; throws {@link QueryNotFoundException}. */
  public QueryResolver.Resolved resolve(String idOrName) {
    return QueryResolver.resolve(idOrName, state.get().queries());
  }

  /**
   * Executes {@code d}: {@code near} is {@code ?near} ({@code _agent} is this agent's node), or empty to use the
   * query's own {@code Near}; {@code limit} 0 is no limit.
   */
  public CompletionStage<QueryResult> execute(QueryDefinition d, String near, int limit) {
    String source = near.isEmpty() ? d.service().near() : near;
    List<ServiceHealth> here = select(d.service(), source, limit);
    if (!here.isEmpty()) return CompletableFuture.completedFuture(result(d, here, datacenter, 0));
    List<String> targets = FailoverTargets.of(d.service(), datacenters.nearestFirst(), datacenter);
    return failover(d, targets, 0, limit);
  }

  private List<ServiceHealth> select(QueryDefinition.Service s, String near, int limit) {
    String nearNode = near.equals("_agent") ? nodeName : near.equals("_ip") ? "" : near;
    return QuerySelection.select(s, catalog.get(), nearNode, limit, ThreadLocalRandom.current());
  }

  private CompletionStage<QueryResult> failover(QueryDefinition d, List<String> targets, int tried, int limit) {
    if (tried == targets.size()) {
      String last = targets.isEmpty() ? datacenter : targets.get(targets.size() - 1);
      return CompletableFuture.completedFuture(result(d, List.of(), last, targets.size()));
    }
    String dc = targets.get(tried);
    return remote(dc, d, limit).handle((nodes, err) -> {
      if (err != null) LOG.warning("Failed querying for service in datacenter " + dc + ": " + reason(err));
      if (err != null || nodes.isEmpty()) return failover(d, targets, tried + 1, limit);
      return CompletableFuture.completedFuture(result(d, nodes, dc, tried + 1));
    }).thenCompose(next -> next);
  }

  private static QueryResult result(QueryDefinition d, List<ServiceHealth> nodes, String dc, int failovers) {
    return new QueryResult(d.service().service(), nodes, d.dnsTtl(), dc, failovers);
  }

  private CompletionStage<List<ServiceHealth>> remote(String dc, QueryDefinition d, int limit) {
    byte[] body = new JsonObject().put("Query", d.toJson("", 0, 0, true)).put("Limit", limit).encode()
        .getBytes(StandardCharsets.UTF_8);
    ForwardedRequest request = new ForwardedRequest("POST", REMOTE_PATH,
        List.of(Map.entry("Content-Type", "application/json")), body);
    return datacenters.forward(dc, request, REMOTE_TIMEOUT_MILLIS).thenApply(QueryExecutor::decode);
  }

  /**
   * Another datacenter's failover, answered here: the query it sends, selected here without failing over, as the
   * catalog entries of the instances in their order.
   */
  public JsonObject answerRemote(JsonObject request, java.util.function.Predicate<ServiceHealth> visible) {
    QueryDefinition d = QueryDefinition.parse(request.getJsonObject("Query", new JsonObject()));
    List<ServiceHealth> selected = select(d.service(), "", request.getInteger("Limit", 0));
    return encode(d.service().service(), selected.stream().filter(visible).toList());
  }

  /**
   * A stored query of another datacenter, run there as Consul runs {@code <query>.query.<dc>.consul}: resolved,
   * selected and failed over by that datacenter, its instances answered here.
   */
  public CompletionStage<QueryResult> executeIn(String dc, String idOrName) {
    String uri = RUN_PATH + java.net.URLEncoder.encode(idOrName, StandardCharsets.UTF_8).replace("+", "%20");
    return datacenters.forward(dc, new ForwardedRequest("GET", uri, List.of(), new byte[0]), REMOTE_TIMEOUT_MILLIS)
        .thenApply(reply -> {
          if (reply.status() == 404) throw new QueryNotFoundException();
          JsonObject j = new JsonObject(new String(reply.body(), StandardCharsets.UTF_8));
          return new QueryResult(j.getString("Service"), decode(reply), j.getString("TTL", ""), j.getString("Datacenter"),
              j.getInteger("Failovers", 0));
        });
  }

  /**
   * Runs a stored query for another datacenter ({@link #executeIn}), answering the instances {@code visible} lets
   * through (the asking request's token); fails with {@link QueryNotFoundException}.
   */
  public CompletionStage<JsonObject> answerRun(String idOrName, java.util.function.Predicate<ServiceHealth> visible) {
    return execute(resolve(idOrName).definition(), "", 0).thenApply(r -> encode(r.service(),
            r.nodes().stream().filter(visible).toList())
        .put("TTL", r.dnsTtl()).put("Datacenter", r.datacenter()).put("Failovers", r.failovers()));
  }

  /** Instances as their catalog entries and their order: what another agent turns back into them ({@link #decode}). */
  private static JsonObject encode(String service, List<ServiceHealth> instances) {
    JsonObject entries = new JsonObject();
    JsonArray order = new JsonArray();
    for (ServiceHealth h : instances) {
      EntryCodec.putEntries(entries, h);
      order.add(new JsonArray().add(h.node().name()).add(h.service().id()));
    }
    return new JsonObject().put("Service", service).put("Entries", entries).put("Order", order);
  }

  private static List<ServiceHealth> decode(ForwardedReply reply) {
    String body = new String(reply.body(), StandardCharsets.UTF_8);
    if (reply.status() != 200) throw new QueryException("the remote datacenter answered " + reply.status() + ": " + body);
    JsonObject j = new JsonObject(body);
    CatalogSnapshot there = EntryCodec.snapshotOf(j.getJsonObject("Entries"));
    List<ServiceHealth> all = there.health(j.getString("Service"));
    List<ServiceHealth> ordered = new ArrayList<>();
    for (Object o : j.getJsonArray("Order")) {
      JsonArray key = (JsonArray) o;
      for (ServiceHealth h : all) {
        if (h.node().name().equals(key.getString(0)) && h.service().id().equals(key.getString(1))) ordered.add(h);
      }
    }
    return ordered;
  }

  private static String reason(Throwable err) {
    Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null ? err.getCause() : err;
    return cause.getMessage();
  }
}
