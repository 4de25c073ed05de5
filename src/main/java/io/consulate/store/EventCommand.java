package io.consulate.store;

import io.vertx.core.json.JsonObject;

/**
 * A user event fired: applied by {@link ReplicatedState} itself, which hands it to the agent's listeners and
 * changes no state (events are not in the catalog, KV or snapshots, as Consul's live only in serf). Answers the
 * event's Lamport time.
 */
record EventCommand(UserEvent event) implements Command<Long> {

  @Override
  public Long apply(Mutation m) {
    throw new IllegalStateException("an event changes no state; ReplicatedState delivers it");
  }

  /** Type 7 is new in protocol 3: Consulate 0.1.0 (protocol 2) cannot read it. */
  @Override
  public int protocol() {
    return 3;
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("e", event.toJson());
  }

  static EventCommand fromJson(JsonObject j) {
    return new EventCommand(UserEvent.fromJson(j.getJsonObject("e")));
  }

  @Override
  public Object encodeResult(Long ltime) {
    return ltime;
  }

  @Override
  public Long decodeResult(Object encoded) {
    return ((Number) encoded).longValue();
  }
}
