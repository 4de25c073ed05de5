package io.consulate.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;

/**
 * Consul's {@code api.Lock} on {@code PREFIX/.lock}: the key is acquired by the session with the lock's magic flags,
 * so a semaphore or some other use of the key is detected as a conflict; held while the key's session is ours.
 */
final class KvMutex extends KvHold {
  /** Consul's LockFlagValue. */
  static final long FLAGS = 0x2ddccbc058a50c18L;
  private final String key;

  KvMutex(HttpCommand http, LockSession session, int monitorRetries, String key) {
    super(http, session, monitorRetries);
    this.key = key;
  }

  @Override
  boolean acquire(long deadline) throws IOException, InterruptedException {
    String path = KvCommand.path(key);
    String acquire = path + "?acquire=" + session.id + "&flags=" + Long.toUnsignedString(FLAGS);
    long index = 0;
    for (boolean first = true; ; first = false) {
      if (!first && expired(deadline)) return false;
      Read r = ok(read(path + "?" + blocking(index, deadline)));
      JsonObject pair = r.find(key);
      if (pair != null && pair.getLong("Flags", 0L) != FLAGS) {
        throw new IOException("Existing key does not match lock use");
      }
      if (pair != null && pair.containsKey("Session")) {
        index = r.index();
        continue;
      }
      if (isTrue(http.send("PUT", acquire, new byte[0]))) return true;
      // Refused: taken meanwhile (wait for its holder to go), or free under a lock delay (wait, do not spin).
      Read after = ok(read(path));
      JsonObject holder = after.find(key);
      if (holder != null && holder.containsKey("Session")) {
        index = after.index();
      } else {
        pause(deadline);
        index = 0;
      }
    }
  }

  @Override
  void release() throws IOException, InterruptedException {
    try {
      http.send("PUT", KvCommand.path(key) + "?release=" + session.id + "&flags=" + Long.toUnsignedString(FLAGS),
          new byte[0]);
    } finally {
      session.close();
    }
  }

  @Override
  boolean cleanup() throws IOException, InterruptedException {
    JsonObject pair = ok(read(KvCommand.path(key))).find(key);
    if (pair == null) return true;
    if (pair.getLong("Flags", 0L) != FLAGS) throw new IOException("Existing key does not match lock use");
    if (pair.containsKey("Session")) return false;
    return isTrue(http.send("DELETE", KvCommand.path(key) + "?cas=" + pair.getLong("ModifyIndex")));
  }

  @Override
  String watched() {
    return KvCommand.path(key);
  }

  @Override
  boolean held(JsonArray pairs) {
    JsonObject pair = new Read(200, 0, pairs).find(key);
    return pair != null && session.id.equals(pair.getString("Session"));
  }
}
