package io.consulate.http;

import io.consulate.catalog.GoDuration;
import io.consulate.store.SnapshotPublisher;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.ToLongFunction;

/**
 * Consul's blocking queries ({@code ?index=N&wait=5m}): a request parks until a published snapshot moves the
 * index of <em>its own view</em> past N, or back below what it was (a restored snapshot: Consul abandons every
 * blocking query then), or until the wait (default 5m, at most 10m, plus up to wait/16 of
 * jitter) ends. Parked requests cost a map entry and a timer; they are checked once per published snapshot.
 * Generic over the snapshot type: the catalog and the KV store each have one.
 */
public final class BlockingQueries<S> {
  static final Duration DEFAULT_WAIT = Duration.ofMinutes(5);
  static final Duration MAX_WAIT = Duration.ofMinutes(10);

  private final Vertx vertx;
  private final SnapshotPublisher<S> publisher;
  private final Set<Waiter<S>> waiters = ConcurrentHashMap.newKeySet();

  /** {@code seen}: the view's index when the request parked; below it later means the state was restored. */
  private record Waiter<S>(long index, long seen, ToLongFunction<S> view, Promise<S> promise, Context context) {
    boolean wakesOn(S snap) {
      long now = view.applyAsLong(snap);
      return now > index || now < seen;
    }
  }

  public BlockingQueries(Vertx vertx, SnapshotPublisher<S> publisher) {
    this.vertx = vertx;
    this.publisher = publisher;
    publisher.subscribe(this::onSnapshot);
  }

  /** The snapshot to answer from: at once without {@code ?index}, else after a change to the view or the wait. */
  public Future<S> await(RoutingContext ctx, ToLongFunction<S> view) {
    long index = index(ctx);
    Duration wait = waitTime(ctx);
    S now = publisher.current();
    if (index == 0 || view.applyAsLong(now) > index) return Future.succeededFuture(now);
    Promise<S> promise = Promise.promise();
    Waiter<S> w = new Waiter<>(index, view.applyAsLong(now), view, promise, vertx.getOrCreateContext());
    waiters.add(w);
    S latest = publisher.current();
    if (view.applyAsLong(latest) > index && waiters.remove(w)) return Future.succeededFuture(latest);
    long jitter = ThreadLocalRandom.current().nextLong(Math.max(1, wait.toMillis() / 16));
    long timer = vertx.setTimer(wait.toMillis() + jitter, t -> {
      if (waiters.remove(w)) promise.tryComplete(publisher.current());
    });
    ctx.request().connection().closeHandler(v -> waiters.remove(w));
    return promise.future().onComplete(ar -> vertx.cancelTimer(timer));
  }

  /** Parked requests, for metrics and tests. */
  public int parked() {
    return waiters.size();
  }

  private void onSnapshot(S snap) {
    for (Waiter<S> w : waiters) {
      if (w.wakesOn(snap) && waiters.remove(w)) {
        w.context().runOnContext(v -> w.promise().tryComplete(snap));
      }
    }
  }

  static long index(RoutingContext ctx) {
    String raw = ctx.request().getParam("index");
    if (raw == null || raw.isEmpty()) return 0;
    try {
      return Long.parseUnsignedLong(raw);
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("Invalid index");
    }
  }

  static Duration waitTime(RoutingContext ctx) {
    String raw = ctx.request().getParam("wait");
    if (raw == null || raw.isEmpty()) return DEFAULT_WAIT;
    Duration d;
    try {
      d = GoDuration.parse(raw);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("Invalid wait time");
    }
    if (d.isZero() || d.isNegative()) return DEFAULT_WAIT;
    return d.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : d;
  }
}
