package io.consulate.http;

import io.consulate.kv.KvEntry;
import io.consulate.kv.Session;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;

/** Consul's JSON for KV entries ({@code DirEntry}) and sessions, field order as Consul writes them. */
final class KvJson {
  private KvJson() {}

  /** Value is base64, or null when empty, as Go encodes a nil byte slice; Session only when held. */
  static JsonObject entry(KvEntry e) {
    // Flags are a uint64: one above Long.MAX_VALUE (Consul's lock and semaphore flags) is written unsigned.
    Object flags = e.flags() >= 0 ? e.flags() : new BigInteger(Long.toUnsignedString(e.flags()));
    JsonObject o = new JsonObject().put("LockIndex", e.lockIndex()).put("Key", e.key()).put("Flags", flags)
        .put("Value", e.value().length == 0 ? null : Base64.getEncoder().encodeToString(e.value()));
    if (e.locked()) o.put("Session", e.session());
    return o.put("CreateIndex", e.createIndex()).put("ModifyIndex", e.modifyIndex());
  }

  static JsonArray entries(Iterable<KvEntry> entries) {
    JsonArray out = new JsonArray();
    for (KvEntry e : entries) out.add(entry(e));
    return out;
  }

  /** LockDelay in nanoseconds, as Go encodes a {@code time.Duration}. */
  static JsonObject session(Session s) {
    JsonArray serviceChecks = null;
    if (!s.serviceChecks().isEmpty()) {
      serviceChecks = new JsonArray();
      for (String id : s.serviceChecks()) serviceChecks.add(new JsonObject().put("ID", id).put("Namespace", ""));
    }
    return new JsonObject().put("ID", s.id()).put("Name", s.name()).put("Node", s.node())
        .put("LockDelay", s.lockDelayNanos()).put("Behavior", s.behavior().wire()).put("TTL", s.ttl())
        .put("NodeChecks", new JsonArray(new ArrayList<>(s.nodeChecks()))).put("ServiceChecks", serviceChecks)
        .put("CreateIndex", s.createIndex()).put("ModifyIndex", s.modifyIndex());
  }
}
