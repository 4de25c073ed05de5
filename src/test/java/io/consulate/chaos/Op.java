package io.consulate.chaos;

/**
 * One operation of a history: Jepsen's invoke and completion events folded into one record, times in nanoseconds
 * since the history began (monotonic). An operation whose outcome is {@link Outcome#INFO} may have taken effect at
 * any moment after its invoke, even after the client gave up on it; {@code completeNanos} is only when it gave up.
 *
 * @param id unique, in invoke order
 * @param process the sequential client that ran it
 * @param node the server it was sent to (n1..n3)
 * @param key the KV key (register or lock), or null
 * @param expected for a CAS, the value the client read before (null: the key was absent)
 * @param value the value written (CAS), read (READ), the session (ACQUIRE, RELEASE) or the service ID (REGISTER)
 * @param error why it did not succeed, e.g. {@code 500 No cluster leader} or {@code HttpTimeoutException}; null when
 *     it succeeded or was simply refused (a CAS or acquire answered false)
 */
record Op(int id, int process, String node, Kind kind, String key, String expected, String value, Outcome outcome,
    long invokeNanos, long completeNanos, String error) {

  Op(int id, int process, String node, Kind kind, String key, String expected, String value, Outcome outcome,
      long invokeNanos, long completeNanos) {
    this(id, process, node, kind, key, expected, value, outcome, invokeNanos, completeNanos, null);
  }

  enum Kind { READ, CAS, ACQUIRE, RELEASE, REGISTER, SESSION }

  /** OK: acknowledged. FAIL: definitely had no effect. INFO: unknown (timeout, reset connection, 5xx). */
  enum Outcome { OK, FAIL, INFO }

  boolean ok() {
    return outcome == Outcome.OK;
  }

  boolean isWrite() {
    return kind != Kind.READ;
  }

  /** One line for reports, e.g. {@code #12 p3@n2 cas chaos/cas/1 p1-4 -> p3-9 ok 1.250-1.254s}. */
  String describe() {
    String what = switch (kind) {
      case READ -> "read " + key + (outcome == Outcome.OK ? " = " + value : "");
      case CAS -> "cas " + key + " " + expected + " -> " + value;
      case ACQUIRE -> "acquire " + key + " by " + value;
      case RELEASE -> "release " + key + " by " + value;
      case REGISTER -> "register " + value;
      case SESSION -> "session create " + value;
    };
    return String.format("#%d p%d@%s %s %s %.3f-%.3fs%s", id, process, node, what, outcome.name().toLowerCase(),
        invokeNanos / 1e9, completeNanos / 1e9, error == null ? "" : " (" + error + ")");
  }
}
