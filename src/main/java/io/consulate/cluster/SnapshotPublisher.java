package io.consulate.cluster;

import io.consulate.catalog.CatalogSnapshot;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Holds the current snapshot behind one volatile reference (readers never lock) and tells the rest of the
 * agent when a newer one is out: subscribers (blocking queries, DNS caches) and writers waiting to read
 * their own write.
 */
public final class SnapshotPublisher {
  private volatile CatalogSnapshot current = CatalogSnapshot.EMPTY;
  private final List<Consumer<CatalogSnapshot>> subscribers = new CopyOnWriteArrayList<>();
  private final PriorityQueue<Waiter> waiters = new PriorityQueue<>();

  private record Waiter(long index, CompletableFuture<CatalogSnapshot> done) implements Comparable<Waiter> {
    @Override
    public int compareTo(Waiter o) {
      return Long.compare(index, o.index);
    }
  }

  public CatalogSnapshot current() {
    return current;
  }

  /** Called for every published snapshot, on the publishing thread: keep it short, hop to your own context. */
  public void subscribe(Consumer<CatalogSnapshot> subscriber) {
    subscribers.add(subscriber);
  }

  /** Completes once a snapshot at or above {@code index} is current. */
  public CompletionStage<CatalogSnapshot> awaitIndex(long index) {
    CompletableFuture<CatalogSnapshot> done = new CompletableFuture<>();
    synchronized (waiters) {
      if (current.index() >= index) return CompletableFuture.completedFuture(current);
      waiters.add(new Waiter(index, done));
    }
    return done;
  }

  void publish(CatalogSnapshot next) {
    current = next;
    List<Waiter> ready = new java.util.ArrayList<>();
    synchronized (waiters) {
      while (!waiters.isEmpty() && waiters.peek().index() <= next.index()) ready.add(waiters.poll());
    }
    for (Waiter w : ready) w.done().complete(next);
    for (Consumer<CatalogSnapshot> s : subscribers) s.accept(next);
  }
}
