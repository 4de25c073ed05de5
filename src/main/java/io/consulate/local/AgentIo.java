package io.consulate.local;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The agent's file IO threads, off the event loop. Work on one key (a registration id) always runs on the same
 * thread, in order, so two saves of one service never race; different keys run side by side, so saving many
 * registrations at once is not one file rename after the other.
 */
public final class AgentIo implements AutoCloseable {
  private static final int THREADS = 4;
  private final ExecutorService[] stripes = new ExecutorService[THREADS];

  public AgentIo() {
    for (int i = 0; i < THREADS; i++) {
      String name = "agent-io-" + i;
      stripes[i] = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
      });
    }
  }

  /** The thread for work on {@code key}. */
  public Executor forKey(String key) {
    return stripes[Math.floorMod(key.hashCode(), THREADS)];
  }

  @Override
  public void close() {
    for (ExecutorService s : stripes) s.shutdown();
  }
}
