package io.consulate.local;

import io.consulate.catalog.CheckDefinition;
import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.HealthStatus;
import io.consulate.health.HealthMonitor;
import io.consulate.store.CatalogOp;
import io.consulate.store.Store;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's checks that are not embedded in a service definition: registered with
 * {@code /v1/agent/check/register} or a config file's {@code checks}, node-level or bound to a local service
 * by {@code ServiceID}; plus TTL reports and Consul's maintenance-mode checks.
 */
public final class AgentChecks {
  public static final String NODE_MAINTENANCE = "_node_maintenance";
  public static final String SERVICE_MAINTENANCE_PREFIX = "_service_maintenance:";

  private record Owned(CheckSpec spec, LocalAgent.Source source) {}

  private final Store store;
  private final LocalAgent agent;
  private final HealthMonitor monitor;
  private final SavedRegistrations saved;
  private final Map<String, Owned> checks = new ConcurrentHashMap<>();

  public AgentChecks(Store store, LocalAgent agent, HealthMonitor monitor, SavedRegistrations saved) {
    this.store = store;
    this.agent = agent;
    this.monitor = monitor;
    this.saved = saved;
  }

  /** Restores saved API checks. */
  public CompletionStage<Void> start() {
    return saved.load(DefinitionDecoder::check).thenCompose(list -> {
      CompletionStage<?> chain = CompletableFuture.completedFuture(null);
      for (CheckSpec c : list) chain = chain.thenCompose(x -> register(c, LocalAgent.Source.API));
      return chain.thenApply(x -> null);
    });
  }

  public CompletionStage<Long> register(CheckSpec raw, LocalAgent.Source source) {
    if (raw.name().isEmpty()) throw new InvalidDefinitionException("Missing check name");
    CheckSpec spec = withDefaultId(raw);
    agent.scripts().require(List.of(spec), source);
    ServiceDefinition service = spec.serviceId().isEmpty() ? null : agent.service(spec.serviceId());
    if (!spec.serviceId().isEmpty() && service == null) {
      throw new UnknownIdException("ServiceID \"" + spec.serviceId() + "\" does not exist");
    }
    HealthCheck existing = store.snapshot().check(agent.nodeName(), spec.id());
    boolean unchanged = existing != null && existing.definition().equals(spec.definition());
    HealthCheck check = new HealthCheck(agent.nodeName(), spec.id(), spec.name(),
        unchanged ? existing.status() : spec.status(), spec.notes(), unchanged ? existing.output() : "",
        spec.serviceId(), service == null ? "" : service.name(), service == null ? List.of() : service.tags(),
        spec.definition().type(), spec.definition(), 0, 0);
    return store.catalog(new CatalogOp.RegisterCheck(check)).thenCompose(index -> {
      checks.put(spec.id(), new Owned(spec, source));
      monitor.start(check);
      return source == LocalAgent.Source.API
          ? saved.save(spec.id(), DefinitionEncoder.check(spec)).thenApply(x -> index)
          : CompletableFuture.completedFuture(index);
    });
  }

  /** Checks registered here that the catalog lacks (anti-entropy registers them again). */
  List<CheckSpec> outOfSync(io.consulate.catalog.CatalogSnapshot snap) {
    List<CheckSpec> out = new java.util.ArrayList<>();
    for (Owned o : checks.values()) if (snap.check(agent.nodeName(), o.spec().id()) == null) out.add(o.spec());
    return out;
  }

  /** Registers an owned check again as it is defined. */
  CompletionStage<Long> restore(CheckSpec spec) {
    Owned o = checks.get(spec.id());
    return o == null ? CompletableFuture.completedFuture(0L) : register(o.spec(), o.source());
  }

  /** Removes any check of this agent (standalone or a service's); 404 when this node has no such check. */
  public CompletionStage<Long> deregister(String checkId) {
    if (store.snapshot().check(agent.nodeName(), checkId) == null) throw unknownCheck(checkId);
    monitor.stop(checkId);
    Owned gone = checks.remove(checkId);
    return store.catalog(new CatalogOp.Deregister(agent.nodeName(), "", checkId))
        .thenCompose(index -> gone != null && gone.source() == LocalAgent.Source.API
            ? saved.delete(checkId).thenApply(x -> index) : CompletableFuture.completedFuture(index));
  }

  /** A TTL report (pass/warn/fail/update); completes once the new status is visible. */
  public CompletionStage<Void> ttl(String checkId, HealthStatus status, String output) {
    if (store.snapshot().check(agent.nodeName(), checkId) == null) throw unknownCheck(checkId);
    return monitor.ttlUpdate(checkId, status, output).thenAccept(applied -> {
      if (!applied) throw new InvalidDefinitionException("CheckID \"" + checkId + "\" does not have associated TTL");
    });
  }

  /** Consul's node maintenance: a critical {@code _node_maintenance} check takes every local service out. */
  public CompletionStage<Long> nodeMaintenance(boolean enable, String reason) {
    String notes = reason.isEmpty()
        ? "Maintenance mode is enabled for this node, but no reason was provided. This is a default message." : reason;
    return maintenance(NODE_MAINTENANCE, "Node Maintenance Mode", notes, "", "", List.of(), enable);
  }

  /** Consul's service maintenance: a critical {@code _service_maintenance:<id>} check. */
  public CompletionStage<Long> serviceMaintenance(String serviceId, boolean enable, String reason) {
    ServiceDefinition service = agent.service(serviceId);
    if (service == null) throw new UnknownIdException("Unknown service ID \"" + serviceId + "\"");
    String notes = reason.isEmpty()
        ? "Maintenance mode is enabled for this service, but no reason was provided. This is a default message." : reason;
    return maintenance(SERVICE_MAINTENANCE_PREFIX + serviceId, "Service Maintenance Mode", notes, serviceId,
        service.name(), service.tags(), enable);
  }

  private CompletionStage<Long> maintenance(String id, String name, String notes, String serviceId,
      String serviceName, List<String> tags, boolean enable) {
    String node = agent.nodeName();
    if (!enable) return store.catalog(new CatalogOp.Deregister(node, "", id));
    HealthCheck check = new HealthCheck(node, id, name, HealthStatus.CRITICAL, notes, "", serviceId, serviceName, tags,
        "maintenance", CheckDefinition.NONE, 0, 0);
    return store.catalog(new CatalogOp.RegisterCheck(check));
  }

  /** Makes the config-file checks exactly {@code wanted}; API checks are left alone. */
  public CompletionStage<Void> reconcileConfig(List<CheckSpec> wanted) {
    CompletionStage<?> chain = CompletableFuture.completedFuture(null);
    for (Map.Entry<String, Owned> e : checks.entrySet()) {
      boolean kept = wanted.stream().anyMatch(c -> withDefaultId(c).id().equals(e.getKey()));
      if (e.getValue().source() == LocalAgent.Source.CONFIG && !kept) chain = chain.thenCompose(x -> deregister(e.getKey()));
    }
    for (CheckSpec c : wanted) {
      Owned current = checks.get(withDefaultId(c).id());
      if (current == null || !current.spec().equals(withDefaultId(c))) {
        chain = chain.thenCompose(x -> register(c, LocalAgent.Source.CONFIG));
      }
    }
    return chain.thenApply(x -> null);
  }

  /** Consul: a check's ID defaults to its Name. */
  private static CheckSpec withDefaultId(CheckSpec c) {
    return c.id().isEmpty() ? new CheckSpec(c.name(), c.name(), c.notes(), c.status(), c.serviceId(), c.definition()) : c;
  }

  private static UnknownIdException unknownCheck(String checkId) {
    return new UnknownIdException("Unknown check ID \"" + checkId + "\". Ensure that the check ID is passed, not the check name.");
  }
}
