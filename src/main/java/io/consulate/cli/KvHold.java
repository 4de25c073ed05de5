package io.consulate.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;

/**
 * What {@code consulate lock} holds in the KV store: a lock ({@link KvMutex}) or a semaphore slot
 * ({@link KvSemaphore}), following Consul's api package so that Consul's CLI and libraries contend with it on the
 * same keys. This class has their shared parts: blocking reads, the acquisition deadline, and the watch that notices
 * a lost hold.
 */
abstract class KvHold {
  /** How long one blocking read waits, as Consul's DefaultLockWaitTime. */
  static final long WAIT_MILLIS = 15_000;
  /** The pause before trying again after the agent refused an acquisition (a lock delay), DefaultLockRetryTime. */
  static final long RETRY_MILLIS = 5_000;
  private static final long MONITOR_RETRY_MILLIS = 1_000;

  final HttpCommand http;
  final LockSession session;
  private final int monitorRetries;

  KvHold(HttpCommand http, LockSession session, int monitorRetries) {
    this.http = http;
    this.session = session;
    this.monitorRetries = monitorRetries;
  }

  /** Acquires; false once {@code deadline} (System.nanoTime; 0 for none) passed first. Throws on a conflict. */
  abstract boolean acquire(long deadline) throws IOException, InterruptedException;

  /** Gives the hold back and ends the session. */
  abstract void release() throws IOException, InterruptedException;

  /** Removes the coordination key if nobody uses it; false if it is in use (not an error). */
  abstract boolean cleanup() throws IOException, InterruptedException;

  /** The path the watch reads: the lock's key, or the semaphore's prefix. */
  abstract String watched();

  /** Whether a read of {@link #watched()} still shows this hold. */
  abstract boolean held(JsonArray pairs);

  /**
   * Returns once the hold is lost: consistent blocking reads, as Consul's monitorLock. A 5xx answer or an
   * unreachable agent is retried {@code -monitor-retry} times, 1 s apart, before the hold is taken as lost.
   */
  final void awaitLoss() throws InterruptedException {
    long index = 0;
    int retries = monitorRetries;
    while (true) {
      Read read;
      try {
        read = read(watched() + (watched().contains("?") ? "&" : "?") + "consistent&index=" + index);
      } catch (IOException e) {
        read = null;
      }
      if (read == null || read.status() >= 500) {
        if (retries-- <= 0) return;
        Thread.sleep(MONITOR_RETRY_MILLIS);
        index = 0;
        continue;
      }
      retries = monitorRetries;
      if (!held(read.pairs())) return;
      index = read.index();
    }
  }

  /** One read's answer: status, X-Consul-Index, and the entries ([] for a 404). */
  record Read(int status, long index, JsonArray pairs) {
    JsonObject find(String key) {
      for (Object o : pairs) if (key.equals(((JsonObject) o).getString("Key"))) return (JsonObject) o;
      return null;
    }
  }

  Read read(String path) throws IOException, InterruptedException {
    HttpResponse<byte[]> res = http.exchange("GET", path, null);
    long index = Long.parseLong(res.headers().firstValue("X-Consul-Index").orElse("0"));
    if (res.statusCode() == 404) return new Read(404, index, new JsonArray());
    if (res.statusCode() / 100 != 2) return new Read(res.statusCode(), index, new JsonArray());
    return new Read(res.statusCode(), index, new JsonArray(HttpCommand.text(res)));
  }

  /** A blocking read's query: wait for a change after {@code index}, at most until the deadline. */
  static String blocking(long index, long deadline) {
    long wait = WAIT_MILLIS;
    if (deadline != 0) wait = Math.max(1, Math.min(wait, (deadline - System.nanoTime()) / 1_000_000));
    return "index=" + index + "&wait=" + wait + "ms";
  }

  /** Consul's pause after a refused acquisition, cut short by the deadline. */
  static void pause(long deadline) throws InterruptedException {
    long millis = RETRY_MILLIS;
    if (deadline != 0) millis = Math.max(0, Math.min(millis, (deadline - System.nanoTime()) / 1_000_000));
    Thread.sleep(millis);
  }

  static boolean expired(long deadline) {
    return deadline != 0 && System.nanoTime() - deadline > 0;
  }

  /** A failed read during acquisition is the command's error, with the agent's answer. */
  static Read ok(Read r) throws IOException {
    if (r.status() / 100 != 2 && r.status() != 404) throw new IOException("Unexpected response code: " + r.status());
    return r;
  }

  static boolean isTrue(String body) {
    return "true".equals(body.trim());
  }
}
