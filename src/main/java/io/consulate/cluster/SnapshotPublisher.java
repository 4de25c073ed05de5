package io.consulate.cluster;

import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * Holds the current snapshot behind one volatile reference (readers never lock) and tells the rest of the
 * agent when a newer one is out: subscribers (blocking queries, DNS caches) and writers waiting to read
 * their own write. Generic over the snapshot type, so the catalog and the KV store share it.
 */
public final class SnapshotPublisher<S> {
  private final ToLongFunction<S> indexOf;
  private volatile S current;
  private final List<Consumer<S>> subscribers = new CopyOnWriteArrayList<>();
  private final PriorityQueue<Waiter<S>> waiters = new PriorityQueue<>();

  public SnapshotPublisher(S initial, ToLongFunction<S> indexOf) {
    this.current = initial;
    this.indexOf = indexOf;
  }

  private record Waiter<S>(long index, CompletableFuture<S> done) implements Comparable<Waiter<S>> {
    @Override
    public int compareTo(Waiter<S> o) {
      return Long.compare(index, o.index);
    }
  }

  public S current() {
    return current;
  }

  /** Called for every published snapshot, on the publishing thread: keep it short, hop to your own context. */
  public void subscribe(Consumer<S> subscriber) {
    subscribers.add(subscriber);
  }

  /** Completes once a snapshot at or above {@code index} is current. */
  public CompletionStage<S> awaitIndex(long index) {
    CompletableFuture<S> done = new CompletableFuture<>();
    synchronized (waiters) {
      if (indexOf.applyAsLong(current) >= index) return CompletableFuture.completedFuture(current);
      waiters.add(new Waiter<>(index, done));
    }
    return done;
  }

  /** Makes {@code next} current, then completes the waiters it satisfies and tells subscribers. */
  public void publish(S next) {
    current = next;
    List<Waiter<S>> ready = new java.util.ArrayList<>();
    synchronized (waiters) {
      while (!waiters.isEmpty() && waiters.peek().index() <= indexOf.applyAsLong(next)) ready.add(waiters.poll());
    }
    for (Waiter<S> w : ready) w.done().complete(next);
    for (Consumer<S> s : subscribers) s.accept(next);
  }
}
