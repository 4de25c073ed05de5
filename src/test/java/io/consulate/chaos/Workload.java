package io.consulate.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The clients of a run, several per node, each on a thread of its own: CAS registers, one lock, registrations.
 */
final class Workload {
  static final List<String> CAS_KEYS = List.of("chaos/cas/0", "chaos/cas/1", "chaos/cas/2", "chaos/cas/3",
      "chaos/cas/4");
  private static final int CAS_CLIENTS_PER_NODE = 2;
  private static final long JOIN_MILLIS = 30_000;

  /** What every client shares: the HTTP client, the history, the write gate, the seed and the stop flag. */
  record Shared(ConsulHttp http, History history, WriteGate gate, long seed, AtomicBoolean running) {}

  private final Shared shared;
  private final List<Thread> threads = new ArrayList<>();

  private Workload(Shared shared) {
    this.shared = shared;
  }

  static Workload start(List<String> nodes, ConsulHttp http, History history, WriteGate gate, long seed) {
    Workload w = new Workload(new Shared(http, history, gate, seed, new AtomicBoolean(true)));
    List<Client> clients = new ArrayList<>();
    int process = 0;
    for (String node : nodes) {
      for (int i = 0; i < CAS_CLIENTS_PER_NODE; i++) clients.add(new CasClient(process++, node, w.shared, CAS_KEYS));
      clients.add(new LockClient(process++, node, w.shared));
      clients.add(new RegisterClient(process++, node, w.shared));
    }
    for (Client c : clients) {
      Thread t = new Thread(c, "chaos-p" + c.process + "@" + c.node);
      t.setDaemon(true);
      w.threads.add(t);
      t.start();
    }
    return w;
  }

  int clients() {
    return threads.size();
  }

  /** Stops every client after its current operation and waits for them (a request is bounded by its timeout). */
  void stop() throws InterruptedException {
    shared.running().set(false);
    shared.gate().resume();
    long deadline = System.currentTimeMillis() + JOIN_MILLIS;
    for (Thread t : threads) t.join(Math.max(1, deadline - System.currentTimeMillis()));
  }
}
