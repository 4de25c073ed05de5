package io.consulate.agent;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.HealthStatus;
import io.consulate.cluster.ClusterView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Objects;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The agent's meter registry (served by {@code /v1/agent/metrics}): the JVM's memory, GC, threads and CPU, and the
 * agent-wide gauges no single package owns: members by serf status, this agent's checks by status, parked
 * blocking queries, whether a leader is known, and how often the known leader changed. DNS, HTTP and the store
 * register their own meters on the same registry.
 */
final class AgentMetrics implements AutoCloseable {
  private static final String[] SERF_STATUS = {"none", "alive", "leaving", "left", "failed"};

  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final Counter leaderChanges;
  private String lastLeader = "";

  AgentMetrics() {
    // promtool's lint refuses two of the binders' names: a unit abbreviation, and a "_count" that is no counter.
    registry.config().meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"))
        .meterFilter(new MeterFilter() {
          @Override
          public Meter.Id map(Meter.Id id) {
            return id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
          }
        });
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    leaderChanges = Counter.builder("consul.raft.leader_changes")
        .description("Times the leader this agent knows of changed (a new election, or a leader lost)").register(registry);
  }

  /** Gauges over the agent's parts, read at each scrape; the suppliers follow the agent as its role changes. */
  void watch(Supplier<ClusterView> cluster, Supplier<CatalogSnapshot> catalog, String node, IntSupplier parked) {
    for (int s = 0; s < SERF_STATUS.length; s++) {
      int status = s;
      Gauge.builder("consul.serf.members", () -> cluster.get().members().stream().filter(m -> m.status() == status).count())
          .description("Cluster members by serf status").tag("status", SERF_STATUS[s]).register(registry);
    }
    for (HealthStatus status : HealthStatus.values()) {
      Gauge.builder("consul.agent.checks", () -> countChecks(catalog.get(), node, status))
          .description("This agent's checks by status, as the catalog holds them").tag("status", status.wire())
          .register(registry);
    }
    Gauge.builder("consul.http.blocking_queries", parked::getAsInt).description("Blocking queries parked, waiting for a change")
        .register(registry);
    Gauge.builder("consul.raft.known_leader", () -> cluster.get().knownLeader() ? 1 : 0)
        .description("1 while this agent knows a leader").register(registry);
  }

  /** Called every second: counts a change of the leader this agent knows (the first one known, a loss, a new one). */
  void sampleLeader(ClusterView cluster) {
    String leader = Objects.requireNonNullElse(cluster.leader(), "");
    if (!leader.equals(lastLeader)) {
      leaderChanges.increment();
      lastLeader = leader;
    }
  }

  private static long countChecks(CatalogSnapshot snap, String node, HealthStatus status) {
    long n = 0;
    for (HealthCheck c : snap.checksOnNode(node)) if (c.status() == status) n++;
    return n;
  }


  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
