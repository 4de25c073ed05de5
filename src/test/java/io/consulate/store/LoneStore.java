package io.consulate.store;

import io.consulate.catalog.CheckDefinition;
import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.HealthStatus;
import io.consulate.catalog.Node;
import io.consulate.cluster.RaftSettings;
import io.consulate.kv.Session;
import io.consulate.kv.TxnOp;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** A real store of one server (a Raft group of one over JGroups' loopback), and write helpers for tests. */
public final class LoneStore implements AutoCloseable {
  public final Store store;
  final Clock clock;

  public LoneStore(Clock clock, Path logDir) throws Exception {
    this.clock = clock;
    this.store = Store.start(RaftSettings.lone("n1", logDir), "test");
    awaitLeader();
  }

  private void awaitLeader() throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!store.isLeader()) {
      if (System.nanoTime() > end) throw new AssertionError("a group of one did not elect itself within 10 s");
      Thread.sleep(5);
    }
  }

  public <R> Applied<R> submit(Command<R> c) throws Exception {
    return store.submit(c).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  Applied<Boolean> kv(String verb, String key, byte[] value, long flags, long index, String session) throws Exception {
    return submit(new KvCommand(new TxnOp(verb, key, value, flags, index, session), clock.millis()));
  }

  /** Node n1 with its serfHealth in {@code serf} state. */
  long node(HealthStatus serf) throws Exception {
    Node n = new Node("n1", "id", "127.0.0.1", "dc1", Map.of(), Map.of(), 0, 0);
    HealthCheck c = new HealthCheck("n1", HealthCheck.SERF_HEALTH, "Serf Health Status", serf, "", "", "", "",
        List.of(), "", CheckDefinition.NONE, 0, 0);
    return submit(CatalogCommand.of(new CatalogOp.RegisterNode(n), new CatalogOp.RegisterCheck(c))).index();
  }

  static Session session(String name, String ttl, Session.Behavior behavior) {
    return new Session(UUID.randomUUID().toString(), name, "n1", 15_000_000_000L, behavior, ttl,
        List.of(HealthCheck.SERF_HEALTH), List.of(), 0, 0, 0);
  }

  String createSession(String ttl, Session.Behavior behavior) throws Exception {
    return submit(new SessionCommand.Create(session("s", ttl, behavior), clock.millis())).value().id();
  }

  @Override
  public void close() {
    store.close();
  }
}
