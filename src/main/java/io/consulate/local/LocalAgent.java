package io.consulate.local;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.CheckDefinition;
import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.HealthStatus;
import io.consulate.catalog.Node;
import io.consulate.catalog.ServiceInstance;
import io.consulate.health.HealthMonitor;
import io.consulate.store.CatalogOp;
import io.consulate.store.SerfHealthKeeper;
import io.consulate.store.Store;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this agent owns: its node, its {@code serfHealth} check and the services registered with it, from
 * config files or the HTTP API, with their checks running in the health monitor. API registrations are saved
 * in the data dir so they survive a restart; config registrations are reconciled with the files on reload.
 */
public final class LocalAgent {
  /** Where a registration came from: config ones are replaced on reload, API ones persisted. */
  public enum Source { CONFIG, API }

  private record Owned(ServiceDefinition definition, Source source) {}

  private final Store store;
  private final Node node;
  private final HealthMonitor monitor;
  private final SavedRegistrations saved;
  private volatile ScriptPolicy scripts;
  private final Map<String, Owned> services = new ConcurrentHashMap<>();
  private final UserEvents events;

  public LocalAgent(Store store, Node node, HealthMonitor monitor, SavedRegistrations saved, ScriptPolicy scripts) {
    this.store = store;
    this.node = node;
    this.monitor = monitor;
    this.saved = saved;
    this.scripts = scripts;
    this.events = new UserEvents(node.name(), () -> services().values());
    // Off the thread that applies the log, in log order: filters are user regexes (UserEvents budgets them).
    java.util.concurrent.Executor eventThread = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "user-events");
      t.setDaemon(true);
      return t;
    });
    store.onEvent(e -> eventThread.execute(() -> events.offer(e)));
  }

  /** The user events kept for this agent. */
  public UserEvents events() {
    return events;
  }

  public String nodeName() {
    return node.name();
  }

  public Node node() {
    return node;
  }

  public void scripts(ScriptPolicy policy) {
    this.scripts = policy;
  }

  ScriptPolicy scripts() {
    return scripts;
  }

  /** Registers the node with a passing {@code serfHealth}, then restores saved API registrations. */
  public CompletionStage<Void> start() {
    return saved.load(DefinitionDecoder::service).thenCompose(list -> {
      // Owned before the catalog takes them: if it refuses them for now, anti-entropy keeps registering them
      // instead of removing this node's services as strays.
      for (ServiceDefinition d : list) services.putIfAbsent(d.id(), new Owned(d, Source.API));
      return registerNode().thenCompose(i -> list.isEmpty() ? CompletableFuture.<Void>completedFuture(null)
          : registerAll(list, Source.API, false).thenApply(x -> (Void) null));
    });
  }

  /** The node and its passing {@code serfHealth}, as the agent registers them at start. */
  CompletionStage<Long> registerNode() {
    return store.catalog(nodeOps().toArray(CatalogOp[]::new));
  }

  private List<CatalogOp> nodeOps() {
    HealthCheck serf = new HealthCheck(node.name(), HealthCheck.SERF_HEALTH, "Serf Health Status", HealthStatus.PASSING,
        "", "Agent alive and reachable", "", "", List.of(), "", CheckDefinition.NONE, 0, 0);
    return List.of(new CatalogOp.RegisterNode(node), new CatalogOp.RegisterCheck(serf));
  }

  /** Whether the catalog holds this node as the agent registers it. */
  boolean nodeInSync(CatalogSnapshot snap) {
    Node there = snap.node(node.name());
    return there != null && there.withIndexes(0, 0).equals(node.withIndexes(0, 0))
        && snap.check(node.name(), HealthCheck.SERF_HEALTH) != null;
  }

  /**
   * Owned services the catalog lacks or holds otherwise (anti-entropy). Tags changed in the catalog are kept
   * when the service allows it ({@code EnableTagOverride}), as in Consul.
   */
  List<ServiceDefinition> outOfSync(CatalogSnapshot snap) {
    List<ServiceDefinition> out = new ArrayList<>();
    for (Owned o : services.values()) {
      ServiceInstance wanted = instance(o.definition());
      ServiceInstance there = snap.service(node.name(), wanted.id());
      if (there == null) {
        out.add(o.definition());
      } else if (!wanted.sameContent(o.definition().enableTagOverride()
          ? new ServiceInstance(there.node(), there.id(), there.name(), wanted.tags(), there.address(), there.port(),
              there.meta(), there.weights(), there.enableTagOverride(), 0, 0) : there)) {
        out.add(o.definition());
      }
      if (there != null) {
        for (CheckSpec c : o.definition().checks()) {
          if (snap.check(node.name(), c.id()) == null && !out.contains(o.definition())) out.add(o.definition());
        }
      }
    }
    return out;
  }

  /** The catalog gets the newest result of each of this agent's checks where it shows another status. */
  void resyncCheckResults() {
    monitor.resync();
  }

  /** Services of this node in the catalog that the agent does not own (anti-entropy removes them). */
  List<String> strays(CatalogSnapshot snap) {
    List<String> out = new ArrayList<>();
    for (ServiceInstance s : snap.servicesOnNode(node.name())) {
      // The servers keep the consul service on their own nodes (Consul's anti-entropy skips it too).
      if (!services.containsKey(s.id()) && !s.id().equals(SerfHealthKeeper.CONSUL_SERVICE)) out.add(s.id());
    }
    return out;
  }

  /** Registers owned services again as they are defined (anti-entropy); each keeps where it came from. */
  CompletionStage<Long> restore(List<ServiceDefinition> defs) {
    List<ServiceDefinition> api = new ArrayList<>();
    List<ServiceDefinition> config = new ArrayList<>();
    for (ServiceDefinition d : defs) {
      Owned o = services.get(d.id());
      if (o != null) (o.source() == Source.API ? api : config).add(d);
    }
    CompletionStage<Long> chain = CompletableFuture.completedFuture(0L);
    if (!api.isEmpty()) chain = chain.thenCompose(i -> registerAll(api, Source.API, false));
    if (!config.isEmpty()) chain = chain.thenCompose(i -> registerAll(config, Source.CONFIG, false));
    return chain;
  }

  /**
   * Registers or replaces a service owned by this agent and starts its checks; completes once it is visible
   * and saved. A check whose definition is unchanged keeps its current status instead of restarting critical.
   */
  public CompletionStage<Long> register(ServiceDefinition def, Source source, boolean replaceChecks) {
    return registerAll(List.of(def), source, replaceChecks);
  }

  /** Registers several services in one catalog write: a config dir of a thousand services is one write, not a thousand. */
  CompletionStage<Long> registerAll(List<ServiceDefinition> defs, Source source, boolean replaceChecks) {
    for (ServiceDefinition def : defs) scripts.require(def.checks(), source);
    CatalogSnapshot now = store.snapshot();
    Map<ServiceDefinition, List<HealthCheck>> checksByService = new java.util.LinkedHashMap<>();
    for (ServiceDefinition def : defs) {
      List<HealthCheck> checks = new ArrayList<>();
      for (CheckSpec c : def.checks()) checks.add(toCheck(c, def, now));
      checksByService.put(def, checks);
    }
    // The node goes with its services when the catalog lacks it: a registration made before the start-up write of
    // the node took (or after a graceful leave removed it, racing a restart) is not refused as "Unknown node".
    List<CatalogOp> ops = new ArrayList<>(nodeInSync(now) ? List.of() : nodeOps());
    checksByService.forEach((def, checks) -> ops.add(new CatalogOp.RegisterService(instance(def), checks, replaceChecks)));
    return store.catalog(ops.toArray(CatalogOp[]::new))
        .thenCompose(index -> {
          CompletionStage<?> saving = CompletableFuture.completedFuture(null);
          for (Map.Entry<ServiceDefinition, List<HealthCheck>> e : checksByService.entrySet()) {
            ServiceDefinition def = e.getKey();
            Owned previous = services.put(def.id(), new Owned(def, source));
            if (previous != null && replaceChecks) {
              for (CheckSpec old : previous.definition().checks()) {
                if (e.getValue().stream().noneMatch(c -> c.checkId().equals(old.id()))) monitor.stop(old.id());
              }
            }
            e.getValue().forEach(monitor::start);
            if (source == Source.API) saving = saving.thenCompose(x -> saved.save(def.id(), DefinitionEncoder.service(def)));
          }
          return saving.thenApply(x -> index);
        });
  }

  private ServiceInstance instance(ServiceDefinition def) {
    return new ServiceInstance(node.name(), def.id(), def.name(), def.tags(), def.address(), def.port(), def.meta(),
        def.weights(), def.enableTagOverride(), 0, 0);
  }

  private HealthCheck toCheck(CheckSpec c, ServiceDefinition def, CatalogSnapshot now) {
    HealthStatus status = c.status();
    String output = "";
    HealthCheck existing = now.check(node.name(), c.id());
    if (existing != null && existing.definition().equals(c.definition())) {
      status = existing.status();
      output = existing.output();
    }
    return new HealthCheck(node.name(), c.id(), c.name(), status, c.notes(), output, def.id(), def.name(), def.tags(),
        c.definition().type(), c.definition(), 0, 0);
  }

  /** Deregisters one of this agent's services and stops its checks. */
  public CompletionStage<Long> deregister(String serviceId) {
    if (!services.containsKey(serviceId)) {
      throw new UnknownIdException("Unknown service ID \"" + serviceId
          + "\". Ensure that the service ID is passed, not the service name.");
    }
    for (HealthCheck c : store.snapshot().checksOnNode(node.name())) {
      if (c.serviceId().equals(serviceId)) monitor.stop(c.checkId());
    }
    return store.catalog(new CatalogOp.Deregister(node.name(), serviceId, ""))
        .thenCompose(index -> {
          Owned gone = services.remove(serviceId);
          return gone != null && gone.source() == Source.API
              ? saved.delete(serviceId).thenApply(x -> index)
              : CompletableFuture.completedFuture(index);
        });
  }

  /**
   * Makes the config-sourced services exactly {@code wanted}: new and changed ones registered, dropped ones
   * deregistered. API registrations are left alone.
   */
  public CompletionStage<Void> reconcileConfig(List<ServiceDefinition> wanted) {
    CompletionStage<?> chain = CompletableFuture.completedFuture(null);
    for (Map.Entry<String, Owned> e : services.entrySet()) {
      boolean kept = wanted.stream().anyMatch(d -> d.id().equals(e.getKey()));
      if (e.getValue().source() == Source.CONFIG && !kept) chain = chain.thenCompose(x -> deregister(e.getKey()));
    }
    List<ServiceDefinition> changed = new ArrayList<>();
    for (ServiceDefinition d : wanted) {
      Owned current = services.get(d.id());
      if (current == null || !current.definition().equals(d)) changed.add(d);
    }
    if (!changed.isEmpty()) chain = chain.thenCompose(x -> registerAll(changed, Source.CONFIG, true));
    return chain.thenApply(x -> null);
  }

  /** Removes this agent's node, services and checks from the catalog (a graceful leave); saved files stay. */
  public CompletionStage<Long> leaveCatalog() {
    return store.catalog(CatalogOp.Deregister.node(node.name()));
  }

  /** This agent's services by id, sorted. */
  public Map<String, ServiceDefinition> services() {
    Map<String, ServiceDefinition> out = new TreeMap<>();
    services.forEach((id, o) -> out.put(id, o.definition()));
    return Collections.unmodifiableMap(out);
  }

  public ServiceDefinition service(String id) {
    Owned o = services.get(id);
    return o == null ? null : o.definition();
  }
}
