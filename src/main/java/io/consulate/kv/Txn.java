package io.consulate.kv;

import java.util.List;

/**
 * Consul's KV operations in a {@code /v1/txn} (agent/consul/state/txn.go): every operation runs against one write's
 * view, in order; any failure fails the whole transaction ({@link Failed}), which then stores nothing. Writes
 * return their entry without its value, reads with it, deletes nothing.
 */
public final class Txn {
  /** An operation that failed, by its position; the transaction is rolled back. */
  public record Error(int opIndex, String what) {}

  /** Thrown out of the write so the store discards it; carries every operation's error. */
  public static final class Failed extends RuntimeException {
    private final List<Error> errors;

    public Failed(List<Error> errors) {
      super("transaction rolled back", null, false, false);
      this.errors = List.copyOf(errors);
    }

    public List<Error> errors() {
      return errors;
    }
  }

  private Txn() {}

  /** Runs one operation against the transaction's view; returns its result entries or throws {@link KvException}. */
  public static List<KvEntry> apply(KvChanges c, TxnOp op) {
    String key = op.key();
    switch (op.verb()) {
      case "set": return written(KvOps.set(c, key, op.value(), op.flags()));
      case "cas": return written(require(KvOps.cas(c, key, op.value(), op.flags(), op.index()),
          "failed to set key \"" + key + "\", index is stale"));
      case "lock": return written(require(KvOps.lock(c, key, op.value(), op.flags(), op.session()),
          "failed to lock key \"" + key + "\", lock is already held"));
      case "unlock": return written(require(KvOps.unlock(c, key, op.value(), op.flags(), op.session()),
          "failed to unlock key \"" + key + "\", lock isn't held, or is held by another session"));
      case "get": return List.of(require(c.entry(key), "key \"" + key + "\" doesn't exist"));
      case "get-tree": return c.list(key);
      case "get-or-empty": { // Consul 1.10+: a missing key answers an empty entry instead of failing
        KvEntry e = c.entry(key);
        return List.of(e != null ? e : new KvEntry(key, null, 0, 0, 0, 0, ""));
      }
      case "check-index": return List.of(checked(c, key, e -> e.modifyIndex() == op.index(),
          e -> "failed index check for key \"" + key + "\", current modify index " + e.modifyIndex() + " != " + op.index()));
      case "check-session": return List.of(checked(c, key, e -> e.session().equals(nullToEmpty(op.session())),
          e -> "failed session check for key \"" + key + "\", current session \"" + e.session() + "\" != \""
              + nullToEmpty(op.session()) + "\""));
      case "check-not-exists":
        if (c.entry(key) != null) throw new KvException("key \"" + key + "\" exists");
        return List.of();
      case "delete":
        KvOps.delete(c, key);
        return List.of();
      case "delete-tree":
        KvOps.deleteTree(c, key);
        return List.of();
      case "delete-cas":
        if (!KvOps.deleteCas(c, key, op.index())) {
          throw new KvException("failed to delete key \"" + key + "\", index is stale");
        }
        return List.of();
      default: throw new KvException("unknown KV verb \"" + op.verb() + "\"");
    }
  }

  private static KvEntry require(KvEntry e, String failure) {
    if (e == null) throw new KvException(failure);
    return e;
  }

  private static KvEntry checked(KvChanges c, String key, java.util.function.Predicate<KvEntry> ok,
      java.util.function.Function<KvEntry, String> failure) {
    KvEntry e = c.entry(key);
    if (e == null) throw new KvException("failed to check key \"" + key + "\", it doesn't exist");
    if (!ok.test(e)) throw new KvException(failure.apply(e));
    return e;
  }

  /** A write's result: the entry with its indexes but without its value, as Consul returns it. */
  private static List<KvEntry> written(KvEntry e) {
    return List.of(new KvEntry(e.key(), null, e.flags(), e.createIndex(), e.modifyIndex(), e.lockIndex(), e.session()));
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
