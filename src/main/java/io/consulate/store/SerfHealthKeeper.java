package io.consulate.store;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.HealthStatus;
import io.consulate.catalog.ServiceInstance;
import io.consulate.catalog.Weights;
import io.consulate.cluster.ClusterView;
import io.consulate.cluster.Member;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The leader's side of failure handling (Consul's leader reconciling serf events): compares the member records
 * with the catalog and writes the consequences. A failed member's {@code serfHealth} goes critical, so its
 * services leave DNS everywhere; one alive again is passing again; one failed for longer than
 * {@code reconnect_timeout}, or forced to leave, is removed from the catalog. Every step is idempotent, so a
 * pass after a lost write or a leader change repairs what was missed. Each live server also gets its {@code consul}
 * service (port: its server RPC port), as Consul's leader registers it, so {@code consul.service.consul} finds
 * the servers and a failed one drops out of it with its {@code serfHealth}.
 */
public final class SerfHealthKeeper {
  static final String ALIVE_OUTPUT = "Agent alive and reachable";
  static final String DEAD_OUTPUT = "Agent not live or unreachable";
  /** Consul's {@code structs.ConsulServiceID} and name. */
  public static final String CONSUL_SERVICE = "consul";

  private final Store store;
  private final ClusterView cluster;
  private final Duration reconnectTimeout;
  private final Clock clock;
  /** The Consul version this build answers as, in the service's {@code version} meta. */
  private final String version;

  public SerfHealthKeeper(Store store, ClusterView cluster, Duration reconnectTimeout, Clock clock, String version) {
    this.store = store;
    this.version = version;
    this.cluster = cluster;
    this.reconnectTimeout = reconnectTimeout;
    this.clock = clock;
  }

  /** One pass over every member; only the leader's passes write. */
  public CompletionStage<Void> reconcile() {
    if (!store.isLeader()) return CompletableFuture.completedFuture(null);
    long now = clock.millis();
    CompletionStage<?> chain = CompletableFuture.completedFuture(null);
    for (Member m : cluster.members()) {
      if (m.status() == Member.ALIVE || m.status() == Member.LEAVING) {
        chain = chain.thenCompose(x -> setSerfHealth(m.name(), HealthStatus.PASSING)).thenCompose(x -> consulService(m));
      } else if (m.status() == Member.LEFT) {
        chain = chain.thenCompose(x -> deregister(m.name())); // the record stays, as Consul lists left members
      } else if (now - m.since() > reconnectTimeout.toMillis()) {
        chain = chain.thenCompose(x -> deregister(m.name())).thenRun(() -> cluster.forget(m.name()));
      } else {
        chain = chain.thenCompose(x -> setSerfHealth(m.name(), HealthStatus.CRITICAL));
      }
    }
    return chain.thenApply(x -> null);
  }

  /** Sets the node's serfHealth; a passing one is only restored if we were the ones who failed it. */
  private CompletionStage<?> setSerfHealth(String node, HealthStatus target) {
    HealthCheck serf = store.snapshot().check(node, HealthCheck.SERF_HEALTH);
    if (serf == null || serf.status() == target) return CompletableFuture.completedFuture(null);
    if (target == HealthStatus.PASSING && !DEAD_OUTPUT.equals(serf.output())) return CompletableFuture.completedFuture(null);
    String output = target == HealthStatus.PASSING ? ALIVE_OUTPUT : DEAD_OUTPUT;
    return store.submit(CatalogCommand.of(new CatalogOp.UpdateCheck(node, HealthCheck.SERF_HEALTH, target, output)));
  }

  private CompletionStage<?> consulService(Member m) {
    // A server of 0.1.0 (protocol 2) does not know this service: its anti-entropy would remove it as a stray.
    CatalogSnapshot snap = store.snapshot();
    if (!m.server() || m.protocol() < 3 || snap.node(m.name()) == null) return CompletableFuture.completedFuture(null);
    Map<String, String> meta = Map.of("non_voter", "false", "read_replica", "false", "raft_version", "3",
        "serf_protocol_current", "2", "serf_protocol_min", "1", "serf_protocol_max", "5", "version", version);
    ServiceInstance wanted = new ServiceInstance(m.name(), CONSUL_SERVICE, CONSUL_SERVICE, List.of(), "",
        m.serverPort(), meta, new Weights(1, 1), false, 0, 0);
    ServiceInstance there = snap.service(m.name(), CONSUL_SERVICE);
    if (there != null && there.sameContent(wanted)) return CompletableFuture.completedFuture(null);
    return store.submit(CatalogCommand.of(new CatalogOp.RegisterService(wanted, List.of(), false)));
  }

  private CompletionStage<?> deregister(String node) {
    if (store.snapshot().node(node) == null) return CompletableFuture.completedFuture(null);
    return store.submit(CatalogCommand.of(CatalogOp.Deregister.node(node)));
  }
}
