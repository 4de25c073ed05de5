package io.consulate.local;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.store.CatalogOp;
import io.consulate.store.Store;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;

/**
 * Consul's anti-entropy: the agent's own registrations are the truth for its node. Each pass compares them with
 * the catalog and writes what differs: the node, services and checks the catalog lost (a server restart that
 * lost state, a leader change mid-write, a client that was reaped while away) are registered again, checks get
 * their newest result back, and services of this node the agent does not own are removed. A difference is acted on only when two passes in a
 * row see it, so a write of the agent's own still on its way is not taken for drift.
 */
public final class AntiEntropy {
  private static final Logger LOG = Logger.getLogger(AntiEntropy.class.getName());
  private final Store store;
  private final LocalAgent local;
  private final AgentChecks checks;
  private Set<String> seenLastPass = Set.of();
  /** Whether the agent's token may write a service back (ACLs); a blocked one is logged there and left out. */
  private final java.util.function.Predicate<ServiceDefinition> mayRegister;

  public AntiEntropy(Store store, LocalAgent local, AgentChecks checks,
      java.util.function.Predicate<ServiceDefinition> mayRegister) {
    this.store = store;
    this.local = local;
    this.checks = checks;
    this.mayRegister = mayRegister;
  }

  /** One pass; completes with the number of repairs written. Passes must not overlap. */
  public CompletionStage<Integer> pass() {
    return pass(false);
  }

  /**
   * A pass that acts on every difference at once: the catalog was just replaced wholesale (this agent joined a
   * cluster), so nothing of its own can be on its way there.
   */
  public CompletionStage<Integer> syncNow() {
    return pass(true);
  }

  private CompletionStage<Integer> pass(boolean now) {
    CatalogSnapshot snap = store.snapshot();
    boolean node = !local.nodeInSync(snap);
    List<ServiceDefinition> services = local.outOfSync(snap);
    List<String> strays = local.strays(snap);
    List<CheckSpec> lostChecks = checks.outOfSync(snap);
    Set<String> seen = new HashSet<>();
    if (node) seen.add("node");
    services.forEach(d -> seen.add("service:" + d.id()));
    strays.forEach(id -> seen.add("stray:" + id));
    lostChecks.forEach(c -> seen.add("check:" + c.id()));
    Set<String> confirmed = new HashSet<>(seen);
    if (!now) confirmed.retainAll(seenLastPass);
    seenLastPass = seen;
    local.resyncCheckResults();
    if (confirmed.isEmpty()) return CompletableFuture.completedFuture(0);

    CompletionStage<?> chain = CompletableFuture.completedFuture(null);
    if (confirmed.contains("node")) chain = chain.thenCompose(x -> local.registerNode());
    List<ServiceDefinition> restore = new ArrayList<>();
    for (ServiceDefinition d : services) {
      if (confirmed.contains("service:" + d.id()) && mayRegister.test(d)) restore.add(d);
    }
    if (!restore.isEmpty()) chain = chain.thenCompose(x -> local.restore(restore));
    for (String id : strays) {
      if (confirmed.contains("stray:" + id)) {
        chain = chain.thenCompose(x -> store.catalog(new CatalogOp.Deregister(local.nodeName(), id, "")));
      }
    }
    for (CheckSpec c : lostChecks) if (confirmed.contains("check:" + c.id())) chain = chain.thenCompose(x -> checks.restore(c));
    LOG.info("anti-entropy: syncing " + String.join(", ", new java.util.TreeSet<>(confirmed)));
    return chain.thenApply(x -> {
      seenLastPass = Set.of();
      local.resyncCheckResults(); // the restored checks start at their initial status
      return confirmed.size();
    });
  }
}
