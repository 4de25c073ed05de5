package io.consulate.agent;

import io.consulate.catalog.CatalogWrites;
import io.consulate.catalog.CheckDefinition;
import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.HealthStatus;
import io.consulate.catalog.Node;
import io.consulate.catalog.ServiceInstance;
import io.consulate.cluster.CatalogStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * What this agent owns: its node, its {@code serfHealth} check and the services registered with it, from
 * config files or the HTTP API. Writes go through the catalog store; API registrations are also saved in the
 * data dir (on the IO executor, never the event loop) so they survive a restart, and config registrations are
 * reconciled with the files on reload.
 */
public final class LocalAgent {
  /** Where a registration came from: config ones are replaced on reload, API ones persisted. */
  public enum Source { CONFIG, API }

  private record Owned(ServiceDefinition definition, Source source) {}

  private final CatalogStore store;
  private final String nodeName;
  private final Node node;
  private final RegistrationFiles files;
  private final Executor io;
  private final Map<String, Owned> services = new ConcurrentHashMap<>();

  /** {@code files} is null for an in-memory agent. */
  LocalAgent(CatalogStore store, Node node, RegistrationFiles files, Executor io) {
    this.store = store;
    this.nodeName = node.name();
    this.node = node;
    this.files = files;
    this.io = io;
  }

  public String nodeName() {
    return nodeName;
  }

  public Node node() {
    return node;
  }

  /** Registers the node with a passing {@code serfHealth}, then restores saved API registrations. */
  CompletionStage<Void> start() {
    HealthCheck serf = new HealthCheck(nodeName, HealthCheck.SERF_HEALTH, "Serf Health Status", HealthStatus.PASSING,
        "", "Agent alive and reachable", "", "", List.of(), "", CheckDefinition.NONE, 0, 0);
    return store.write((b, snap) -> {
      CatalogWrites.registerNode(b, snap, node);
      CatalogWrites.registerCheck(b, snap, serf);
    }).thenCompose(i -> files == null ? CompletableFuture.completedFuture(List.<ServiceDefinition>of())
        : CompletableFuture.supplyAsync(() -> {
          try {
            return files.load();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }, io))
        .thenCompose(saved -> {
          CompletionStage<?> chain = CompletableFuture.completedFuture(null);
          for (ServiceDefinition d : saved) chain = chain.thenCompose(x -> register(d, Source.API, false));
          return chain.thenApply(x -> null);
        });
  }

  /** Registers or replaces a service owned by this agent; completes once it is visible and saved. */
  public CompletionStage<Long> register(ServiceDefinition def, Source source, boolean replaceChecks) {
    ServiceInstance instance = new ServiceInstance(nodeName, def.id(), def.name(), def.tags(), def.address(),
        def.port(), def.meta(), def.weights(), def.enableTagOverride(), 0, 0);
    List<HealthCheck> checks = new ArrayList<>();
    for (CheckSpec c : def.checks()) {
      checks.add(new HealthCheck(nodeName, c.id(), c.name(), c.status(), c.notes(), "", def.id(), def.name(),
          def.tags(), c.definition().type(), c.definition(), 0, 0));
    }
    return store.write((b, snap) -> CatalogWrites.registerService(b, snap, instance, checks, replaceChecks))
        .thenCompose(index -> {
          services.put(def.id(), new Owned(def, source));
          return source == Source.API ? persist(() -> files.save(def)).thenApply(x -> index)
              : CompletableFuture.completedFuture(index);
        });
  }

  /** Deregisters one of this agent's services; null when the id is not registered here. */
  public CompletionStage<Long> deregister(String serviceId) {
    if (!services.containsKey(serviceId)) return null;
    return store.write((b, snap) -> CatalogWrites.deregisterService(b, snap, nodeName, serviceId))
        .thenCompose(index -> {
          Owned gone = services.remove(serviceId);
          return gone != null && gone.source() == Source.API
              ? persist(() -> files.delete(serviceId)).thenApply(x -> index)
              : CompletableFuture.completedFuture(index);
        });
  }

  /**
   * Makes the config-sourced services exactly {@code wanted}: new and changed ones registered, dropped ones
   * deregistered. API registrations are left alone.
   */
  CompletionStage<Void> reconcileConfig(List<ServiceDefinition> wanted) {
    CompletionStage<?> chain = CompletableFuture.completedFuture(null);
    for (Map.Entry<String, Owned> e : services.entrySet()) {
      boolean kept = wanted.stream().anyMatch(d -> d.id().equals(e.getKey()));
      if (e.getValue().source() == Source.CONFIG && !kept) chain = chain.thenCompose(x -> deregister(e.getKey()));
    }
    for (ServiceDefinition d : wanted) {
      Owned current = services.get(d.id());
      if (current == null || !current.definition().equals(d)) {
        chain = chain.thenCompose(x -> register(d, Source.CONFIG, true));
      }
    }
    return chain.thenApply(x -> null);
  }

  /** Removes this agent's node, services and checks from the catalog (a graceful leave); saved files stay. */
  CompletionStage<Long> leaveCatalog() {
    return store.write((b, snap) -> CatalogWrites.deregisterNode(b, snap, nodeName));
  }

  /** This agent's services by id, sorted. */
  public Map<String, ServiceDefinition> services() {
    Map<String, ServiceDefinition> out = new TreeMap<>();
    services.forEach((id, o) -> out.put(id, o.definition()));
    return Collections.unmodifiableMap(out);
  }

  private interface IoAction {
    void run() throws IOException;
  }

  private CompletionStage<Void> persist(IoAction action) {
    if (files == null) return CompletableFuture.completedFuture(null);
    return CompletableFuture.runAsync(() -> {
      try {
        action.run();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot save registration in the data dir: " + e.getMessage(), e);
      }
    }, io);
  }
}
