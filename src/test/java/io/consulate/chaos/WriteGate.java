package io.consulate.chaos;

/**
 * Lets the nemesis pause every client's writes and wait for the ones in flight to finish, so that the nodes can
 * be compared on a still state after a heal or restart. Reads go on meanwhile. A paused write is not yet invoked,
 * so the pause never stretches an operation's recorded interval.
 */
final class WriteGate {
  private boolean paused;
  private int inFlight;

  /** Before invoking a write: waits while paused. */
  synchronized void enter() throws InterruptedException {
    while (paused) wait();
    inFlight++;
  }

  /** After a write completed, whatever its outcome. */
  synchronized void exit() {
    inFlight--;
    notifyAll();
  }

  /** Stops new writes and waits up to {@code millis} for the writes in flight; false if some are still running. */
  synchronized boolean pause(long millis) throws InterruptedException {
    paused = true;
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (inFlight > 0) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) return false;
      wait(left);
    }
    return true;
  }

  synchronized void resume() {
    paused = false;
    notifyAll();
  }
}
