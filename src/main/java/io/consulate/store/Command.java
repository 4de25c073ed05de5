package io.consulate.store;

import io.vertx.core.json.JsonObject;

/**
 * One write, as data: whichever node receives it, the leader applies it against its latest state, in log
 * order, on every server alike. So {@link #apply} must be deterministic: it reads only the {@link Mutation}
 * and the command's own fields (a write's wall-clock time travels in the command). Commands are replicated
 * under a type code ({@link CommandCodec}); codes and JSON fields are only ever added.
 *
 * @param <R> what the write answers its caller
 */
public sealed interface Command<R> permits CatalogCommand, KvCommand, TxnCommand, SessionCommand, HousekeepingCommand,
    RestoreCommand, EventCommand, QueryCommand, AclCommand {
  /** The write's effects on {@code m}, and its answer; throws a domain exception to refuse and store nothing. */
  R apply(Mutation m);

  /** The command's fields, for the log. */
  JsonObject toJson();

  /** The answer in replicated form (JSON value), and back on the node that submitted it. */
  Object encodeResult(R result);

  R decodeResult(Object encoded);

  /**
   * The format version every reader of the log needs to read this command: a new command type raises it, and the
   * {@link io.consulate.cluster.ProtocolGate} holds such a write back while some member is older.
   */
  default int protocol() {
    return io.consulate.cluster.ProtocolGate.MIN;
  }

  /** The wall-clock time of the write, for TTLs and lock delays; 0 where it does not matter. */
  default long nowMillis() {
    return 0;
  }
}
