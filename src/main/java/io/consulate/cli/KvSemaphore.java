package io.consulate.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

/**
 * Consul's {@code api.Semaphore} at a prefix, so that holders from Consul's CLI and libraries count against the same
 * limit: each contender holds {@code PREFIX/<session>} with its session, and {@code PREFIX/.lock} records the limit
 * and the holders ({@code {"Limit":N,"Holders":{"<session>":true}}}), changed only by check-and-set. A holder whose
 * contender entry has lost its session is pruned, so a dead holder frees its slot.
 */
final class KvSemaphore extends KvHold {
  /** Consul's SemaphoreFlagValue. */
  static final long FLAGS = 0xe0f69a2baa414de0L;
  private final String prefix;
  private final int limit;

  KvSemaphore(HttpCommand http, LockSession session, int monitorRetries, String prefix, int limit) {
    super(http, session, monitorRetries);
    this.prefix = prefix;
    this.limit = limit;
  }

  private String lockKey() {
    return prefix.endsWith("/") ? prefix + ".lock" : prefix + "/.lock";
  }

  private String contenderKey() {
    return prefix.endsWith("/") ? prefix + session.id : prefix + "/" + session.id;
  }

  private String flags() {
    return "&flags=" + Long.toUnsignedString(FLAGS);
  }

  @Override
  boolean acquire(long deadline) throws IOException, InterruptedException {
    String contender = KvCommand.path(contenderKey()) + "?acquire=" + session.id + flags();
    if (!isTrue(http.send("PUT", contender, new byte[0]))) throw new IOException("failed to make contender entry");
    long index = 0;
    for (boolean first = true; ; first = false) {
      if (!first && expired(deadline)) return false;
      Read r = ok(read(watched() + "&" + blocking(index, deadline)));
      JsonObject lockPair = lockPair(r);
      Set<String> holders = liveHolders(lockPair, r.pairs());
      if (holders.size() >= limit) {
        index = r.index();
        continue;
      }
      holders.add(session.id);
      if (!cas(lockPair, holders)) index = 0; // raced with another contender: read again at once
      else return true;
    }
  }

  @Override
  void release() throws IOException, InterruptedException {
    try {
      while (true) {
        Read r = ok(read(KvCommand.path(lockKey())));
        JsonObject lockPair = r.find(lockKey());
        Set<String> holders = holders(lockPair);
        if (!holders.remove(session.id) || cas(lockPair, holders)) break;
      }
      http.send("DELETE", KvCommand.path(contenderKey()));
    } finally {
      session.close();
    }
  }

  @Override
  boolean cleanup() throws IOException, InterruptedException {
    Read r = ok(read(watched()));
    JsonObject lockPair = r.find(lockKey());
    if (lockPair == null) return true;
    if (!liveHolders(lockPair, r.pairs()).isEmpty()) return false;
    return isTrue(http.send("DELETE", KvCommand.path(lockKey()) + "?cas=" + lockPair.getLong("ModifyIndex")));
  }

  /** Consul lists the prefix as given: keys that merely start with it are read too, as in Consul. */
  @Override
  String watched() {
    return KvCommand.path(prefix) + "?recurse";
  }

  @Override
  boolean held(JsonArray pairs) {
    try {
      Read r = new Read(200, 0, pairs);
      return liveHolders(r.find(lockKey()), pairs).contains(session.id);
    } catch (IOException e) {
      return false;
    }
  }

  /** The lock entry of a read, checked against this use; null when there is none yet. */
  private JsonObject lockPair(Read r) throws IOException {
    JsonObject pair = r.find(lockKey());
    if (pair != null && pair.getLong("Flags", 0L) != FLAGS) {
      throw new IOException("Existing key does not match semaphore use");
    }
    return pair;
  }

  /** The recorded holders that still hold a contender entry; the limit must be ours. */
  private Set<String> liveHolders(JsonObject lockPair, JsonArray pairs) throws IOException {
    Set<String> holders = holders(lockPair);
    Set<String> alive = new HashSet<>();
    for (Object o : pairs) {
      String s = ((JsonObject) o).getString("Session");
      if (s != null && !s.isEmpty()) alive.add(s);
    }
    holders.retainAll(alive);
    return holders;
  }

  private Set<String> holders(JsonObject lockPair) throws IOException {
    if (lockPair == null || lockPair.getString("Value") == null) return new HashSet<>();
    JsonObject lock = new JsonObject(new String(Base64.getDecoder().decode(lockPair.getString("Value")),
        StandardCharsets.UTF_8));
    int recorded = lock.getInteger("Limit", 0);
    if (recorded != limit) {
      throw new IOException("semaphore limit conflict (lock: " + recorded + ", local: " + limit + ")");
    }
    return new HashSet<>(lock.getJsonObject("Holders", new JsonObject()).fieldNames());
  }

  /** Writes the holders if the lock entry is unchanged since it was read (cas=0: only if it is still absent). */
  private boolean cas(JsonObject lockPair, Set<String> holders) throws IOException, InterruptedException {
    JsonObject set = new JsonObject();
    holders.forEach(h -> set.put(h, true));
    byte[] body = new JsonObject().put("Limit", limit).put("Holders", set).encode().getBytes(StandardCharsets.UTF_8);
    long modify = lockPair == null ? 0 : lockPair.getLong("ModifyIndex");
    return isTrue(http.send("PUT", KvCommand.path(lockKey()) + "?cas=" + modify + flags(), body));
  }
}
