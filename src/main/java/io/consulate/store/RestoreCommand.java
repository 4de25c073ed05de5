package io.consulate.store;

import io.vertx.core.json.JsonObject;
import java.util.Base64;

/**
 * {@code PUT /v1/snapshot}: replace the whole state with an archive's (the state bytes of a
 * {@link SnapshotArchive}, already verified by the node that received it). Applied by
 * {@link ReplicatedState} itself, not through a {@link Mutation}: it is the one write that is not a change set.
 * Answers the index the restored state is visible at.
 */
record RestoreCommand(byte[] state, long nowMillis) implements Command<Long> {

  @Override
  public Long apply(Mutation m) {
    throw new IllegalStateException("a restore replaces the state whole; ReplicatedState applies it");
  }

  /** Type 6 is new in protocol 3: Consulate 0.1.0 (protocol 2) cannot apply it. */
  @Override
  public int protocol() {
    return 3;
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("s", Base64.getEncoder().encodeToString(state)).put("t", nowMillis);
  }

  static RestoreCommand fromJson(JsonObject j) {
    return new RestoreCommand(Base64.getDecoder().decode(j.getString("s")), j.getLong("t"));
  }

  @Override
  public Object encodeResult(Long index) {
    return index;
  }

  @Override
  public Long decodeResult(Object encoded) {
    return ((Number) encoded).longValue();
  }
}
