package io.consulate.store;

import io.consulate.kv.KvChanges;
import io.consulate.kv.KvState;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/** Writes that change no user data: reaping expired KV bookkeeping, and the barrier of a consistent read. */
public sealed interface HousekeepingCommand extends Command<Void> {
  /** Consul's default {@code tombstone_ttl}: how long a deleted key keeps prefix indexes from going back. */
  Duration TOMBSTONE_TTL = Duration.ofMinutes(15);

  /** Forgets tombstones older than the tombstone TTL and lock delays that have run out; moves no index. */
  record Reap(long nowMillis) implements HousekeepingCommand {
    public Void apply(Mutation m) {
      KvChanges c = m.kv();
      KvState s = c.base();
      s.tombstones().forEach((k, t) -> {
        if (t.atMillis() + TOMBSTONE_TTL.toMillis() < nowMillis) c.expireTombstone(k);
      });
      s.lockDelays().forEach((k, until) -> {
        if (until < nowMillis) c.expireLockDelay(k);
      });
      return null;
    }

    public JsonObject toJson() {
      return new JsonObject().put("reap", true).put("now", nowMillis);
    }
  }

  /**
   * Changes nothing: once the leader has committed it, every write acknowledged before it was issued is in the
   * log, so a read after it (Consul's {@code ?consistent}) sees them all.
   */
  record Barrier() implements HousekeepingCommand {
    public Void apply(Mutation m) {
      return null;
    }

    public JsonObject toJson() {
      return new JsonObject().put("barrier", true);
    }
  }

  @Override
  default Object encodeResult(Void result) {
    return null;
  }

  @Override
  default Void decodeResult(Object encoded) {
    return null;
  }

  static HousekeepingCommand fromJson(JsonObject j) {
    if (j.containsKey("reap")) return new Reap(j.getLong("now"));
    return new Barrier();
  }
}
