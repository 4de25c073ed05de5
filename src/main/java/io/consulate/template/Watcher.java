package io.consulate.template;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.logging.Logger;

/**
 * Keeps one dependency's data fresh with Consul blocking queries: each answer's X-Consul-Index is the next
 * request's {@code ?index}, reset to 0 when it goes backwards (an agent restarted with less history). Errors
 * are retried with back-off for as long as the watcher runs, and only changed values are delivered. Results are delivered on the runner's loop.
 */
final class Watcher {
  private static final Logger LOG = Logger.getLogger(Watcher.class.getName());
  static final Duration WAIT = Duration.ofSeconds(60);

  private final Dependency dependency;
  private final ConsulClient client;
  private final ScheduledExecutorService loop;
  private final BiConsumer<Dependency, Object> onChange;
  private final Backoff backoff = new Backoff();
  private Dependency resolved;
  private long index;
  private Object last;
  private boolean stopped;
  private CompletableFuture<?> inFlight;

  Watcher(Dependency dependency, ConsulClient client, ScheduledExecutorService loop, BiConsumer<Dependency, Object> onChange) {
    this.dependency = dependency;
    this.client = client;
    this.loop = loop;
    this.onChange = onChange;
  }

  /** Must be called on the loop, like every other method. */
  void start() {
    fetch();
  }

  void stop() {
    stopped = true;
    if (inFlight != null) inFlight.cancel(true);
  }

  private void fetch() {
    if (stopped) return;
    inFlight = resolve().thenCompose(d -> client.get(d.path(), index, WAIT))
        .whenCompleteAsync(this::handle, loop);
  }

  /** The agent's own node ({@code node} without a name) is looked up once through /v1/agent/self. */
  private CompletableFuture<Dependency> resolve() {
    if (resolved != null) return CompletableFuture.completedFuture(resolved);
    if (!(dependency instanceof Dependency.CatalogNode n) || n.name() != null) {
      resolved = dependency;
      return CompletableFuture.completedFuture(resolved);
    }
    return client.get("/v1/agent/self", 0, WAIT).thenApply(a -> {
      if (a.status() != 200) throw new IllegalStateException("GET /v1/agent/self: " + a.status() + " " + a.body().strip());
      return n.named(new JsonObject(a.body()).getJsonObject("Config").getString("NodeName"));
    }).thenApply(d -> resolved = d);
  }

  private void handle(ConsulClient.Answer answer, Throwable failure) {
    if (stopped) return;
    Object value;
    try {
      if (failure != null) throw failure;
      value = decode(answer);
    } catch (Throwable e) {
      // The agent may come back restarted with a lower index, which would hold a blocking query for the
      // whole wait; the first request after a failure therefore does not block.
      index = 0;
      Duration delay = backoff.next();
      LOG.warning(() -> describe() + ": " + reason(e) + "; retrying in " + delay.toSeconds() + "s");
      loop.schedule(this::fetch, delay.toMillis(), TimeUnit.MILLISECONDS);
      return;
    }
    backoff.reset();
    index = answer.index() < index ? 0 : answer.index();
    if (last == null || !last.equals(value)) {
      last = value;
      onChange.accept(dependency, value);
    }
    if (dependency.blocking()) fetch();
    else loop.schedule(this::fetch, Dependency.Datacenters.POLL.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** 200 is data; 404 with X-Consul-Index is Consul's "no such key"; anything else is an error to retry. */
  private Object decode(ConsulClient.Answer a) {
    if (a.status() == 200) return Decoders.decode(dependency, a.body());
    if (a.status() == 404 && a.index() > 0 && (dependency instanceof Dependency.Key || dependency instanceof Dependency.KeyPrefix)) {
      return Decoders.absent(dependency);
    }
    throw new IllegalStateException("GET " + (resolved != null ? resolved : dependency).path() + ": " + a.status() + " " + a.body().strip());
  }

  private String describe() {
    return dependency.getClass().getSimpleName().toLowerCase() + " " + (resolved != null ? resolved : dependency).path();
  }

  private String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.io.IOException) return "cannot reach the agent at " + client.base() + " (" + t.getClass().getSimpleName() + ")";
    }
    Throwable root = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    return root.getMessage() != null ? root.getMessage() : root.toString();
  }
}
