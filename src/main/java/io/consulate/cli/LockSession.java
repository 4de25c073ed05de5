package io.consulate.cli;

import io.consulate.catalog.GoDuration;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The session a lock or semaphore is held under, as Consul's api package makes it: a 15s TTL, renewed at half the
 * TTL (the server may answer with a longer one) until it is closed or a renewal fails, then destroyed on close.
 */
final class LockSession implements AutoCloseable {
  static final String TTL = "15s";
  private static final long TTL_MILLIS = 15_000;

  private final HttpCommand http;
  final String id;
  private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "session-renew");
    t.setDaemon(true);
    return t;
  });

  /** When the session was last created or renewed: a failed renewal is retried until its TTL is spent. */
  private volatile long lastRenewed;

  /** {@code behavior} "release" for a lock, "delete" for a semaphore's contender entries. */
  LockSession(HttpCommand http, String name, String behavior) throws IOException, InterruptedException {
    this.http = http;
    JsonObject body = new JsonObject().put("Name", name).put("TTL", TTL).put("Behavior", behavior);
    this.id = new JsonObject(http.send("PUT", "/v1/session/create", body.encode().getBytes(StandardCharsets.UTF_8)))
        .getString("ID");
    lastRenewed = System.currentTimeMillis();
    renewer.schedule(this::renew, TTL_MILLIS / 2, TimeUnit.MILLISECONDS);
  }

  /**
   * Consul's {@code RenewPeriodic}: renew at half the TTL; after a failed renewal (an election, an unreachable
   * agent) try again every second until the TTL since the last renewal is spent; a 404 means the session is gone.
   * A lost session is not an error here: whoever watches the lock sees it go, and lets the child go.
   */
  private void renew() {
    try {
      JsonArray entry = new JsonArray(http.send("PUT", "/v1/session/renew/" + id));
      long ttl = GoDuration.parse(entry.getJsonObject(0).getString("TTL", TTL)).toMillis();
      lastRenewed = System.currentTimeMillis();
      renewer.schedule(this::renew, ttl / 2, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      boolean gone = String.valueOf(e.getMessage()).startsWith("Unexpected response code: 404");
      if (!gone && System.currentTimeMillis() - lastRenewed < TTL_MILLIS) renewer.schedule(this::renew, 1, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() {
    renewer.shutdownNow();
    try {
      http.send("PUT", "/v1/session/destroy/" + id);
    } catch (Exception e) {
      System.err.println("Session destroy failed: " + e.getMessage());
    }
  }
}
