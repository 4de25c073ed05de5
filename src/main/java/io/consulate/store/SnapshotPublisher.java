package io.consulate.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Holds the current snapshot behind one volatile reference (readers never lock) and tells the rest of the
 * agent when a newer one is out (blocking queries, DNS caches, the session reaper). Generic over the snapshot
 * type, so the catalog and the KV store share it; writers wait for their own write through
 * {@link Store#submit}, which completes once the state holding it is published.
 */
public final class SnapshotPublisher<S> {
  private volatile S current;
  private final List<Consumer<S>> subscribers = new CopyOnWriteArrayList<>();

  public SnapshotPublisher(S initial) {
    this.current = initial;
  }

  public S current() {
    return current;
  }

  /** Called for every published snapshot, on the publishing thread: keep it short, hop to your own context. */
  public void subscribe(Consumer<S> subscriber) {
    subscribers.add(subscriber);
  }

  /** Makes {@code next} current, then tells subscribers. */
  public void publish(S next) {
    current = next;
    for (Consumer<S> s : subscribers) s.accept(next);
  }
}
