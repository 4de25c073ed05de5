package io.consulate.chaos;

import java.io.IOException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A sequential process of the workload, as in Jepsen: one operation at a time against one node, each recorded in
 * the history before it is sent and after its reply. Subclasses write the operations; this class runs the loop.
 */
abstract class Client implements Runnable {
  /** Pause after an error, so a node that is down or in a minority is not hammered with doomed requests. */
  private static final long BACKOFF_MILLIS = 100;

  final int process;
  final String node;
  final ConsulHttp http;
  final History history;
  final WriteGate gate;
  final Random random;
  private final AtomicBoolean running;

  Client(int process, String node, Workload.Shared shared) {
    this.process = process;
    this.node = node;
    this.http = shared.http();
    this.history = shared.history();
    this.gate = shared.gate();
    this.random = new Random(shared.seed() * 31 + process);
    this.running = shared.running();
  }

  /** One step of the workload: one or a few operations; false when it failed and the client should back off. */
  abstract boolean step() throws InterruptedException;

  /** Before the thread ends: e.g. release a lock still held, so the final state is clean. */
  void finish() throws InterruptedException {}

  @Override
  public final void run() {
    try {
      while (running.get()) {
        if (!step()) Thread.sleep(BACKOFF_MILLIS);
      }
      finish();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void pause(int minMillis, int maxMillis) throws InterruptedException {
    Thread.sleep(minMillis + random.nextInt(maxMillis - minMillis + 1));
  }

  /**
   * One write, through the gate: invoked, sent, completed with OK when the reply is 200 with body {@code true},
   * FAIL on 200 {@code false}, or what {@link ConsulHttp} makes of an error.
   */
  Write write(Op.Kind kind, String key, String expected, String value, String path, String body)
      throws InterruptedException {
    gate.enter();
    try {
      History.Pending p = history.invoke(process, node, kind, key, expected, value);
      try {
        ConsulHttp.Reply reply = http.put(node, path, body);
        if (reply.ok()) {
          Op.Outcome outcome = "true".equals(reply.body().trim()) ? Op.Outcome.OK : Op.Outcome.FAIL;
          return new Write(history.complete(p, outcome), reply);
        }
        return new Write(history.complete(p, ConsulHttp.outcomeOf(reply), value, ConsulHttp.error(reply)), reply);
      } catch (IOException e) {
        return new Write(history.complete(p, ConsulHttp.outcomeOf(e), value, ConsulHttp.error(e)), null);
      }
    } finally {
      gate.exit();
    }
  }

  /** A completed write and its reply (null when the exchange failed). */
  record Write(Op op, ConsulHttp.Reply reply) {
    boolean replied(String text) {
      return reply != null && reply.body().contains(text);
    }
  }
}
