package io.consulate.chaos;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the cut-off side of a partition answered while it lasted. Informational only: refusing writes is a matter
 * of availability, not safety. Consul's minority answers a write at once with {@code 500 No cluster leader} and
 * keeps serving reads; a write that hangs until the client's timeout is allowed, but worth seeing.
 */
final class Availability {
  private Availability() {}

  /** E.g. {@code n2 while cut off: writes 0 ok, 12 "500 No cluster leader", 3 timed out; reads 40 ok, 0 failed}. */
  static String during(List<Op> ops, Fault fault, long healNanos) {
    int writesOk = 0;
    int readsOk = 0;
    int readsFailed = 0;
    Map<String, Integer> errors = new TreeMap<>();
    for (Op op : ops) {
      if (!fault.nodes().contains(op.node()) || op.invokeNanos() < fault.startNanos() || op.invokeNanos() > healNanos) {
        continue;
      }
      if (!op.isWrite()) {
        if (op.ok()) readsOk++;
        else readsFailed++;
      } else if (op.ok() || op.error() == null) {
        writesOk++;
      } else {
        errors.merge(op.error().startsWith("HttpTimeoutException") ? "timed out" : "\"" + op.error() + "\"", 1,
            Integer::sum);
      }
    }
    StringBuilder out = new StringBuilder(String.join(",", fault.nodes())).append(" while cut off: writes ")
        .append(writesOk).append(" answered");
    errors.forEach((error, count) -> out.append(", ").append(count).append(' ').append(error));
    return out.append("; reads ").append(readsOk).append(" ok, ").append(readsFailed).append(" failed").toString();
  }
}
