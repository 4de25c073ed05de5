package io.consulate.chaos;

import static io.consulate.chaos.Op.Kind.REGISTER;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Durability of catalog registrations: at the end, once every node is up and healed, each node must serve every
 * acknowledged registration, none that was never attempted, and none whose request definitely failed. A
 * registration of unknown outcome may be present or not.
 */
final class RegistrationChecker {
  static final String NAME = "registration";
  private static final int SHOWN = 10;

  /**
   * @param present per node, the service IDs it serves at the end; a null set means the node could not be read
   */
  List<Anomaly> check(List<Op> history, Map<String, Set<String>> present) {
    Set<String> acknowledged = new TreeSet<>();
    Set<String> attempted = new TreeSet<>();
    Set<String> failed = new TreeSet<>();
    for (Op op : history) {
      if (op.kind() != REGISTER) continue;
      attempted.add(op.value());
      if (op.ok()) acknowledged.add(op.value());
      if (op.outcome() == Op.Outcome.FAIL) failed.add(op.value());
    }
    List<Anomaly> out = new ArrayList<>();
    for (Map.Entry<String, Set<String>> e : present.entrySet()) {
      String node = e.getKey();
      Set<String> served = e.getValue();
      if (served == null) {
        out.add(new Anomaly(NAME, node + " could not be read at the end"));
        continue;
      }
      report(out, node + " lost acknowledged registrations", minus(acknowledged, served), acknowledged.size());
      report(out, node + " serves registrations never attempted", minus(served, attempted), served.size());
      Set<String> revived = new TreeSet<>(served);
      revived.retainAll(failed);
      report(out, node + " serves registrations whose request definitely failed", revived, failed.size());
    }
    return out;
  }

  private static Set<String> minus(Set<String> a, Set<String> b) {
    Set<String> out = new TreeSet<>(a);
    out.removeAll(b);
    return out;
  }

  private static void report(List<Anomaly> out, String what, Set<String> ids, int of) {
    if (ids.isEmpty()) return;
    List<String> shown = ids.stream().limit(SHOWN).toList();
    out.add(new Anomaly(NAME, what + ": " + ids.size() + " of " + of + ", e.g. " + String.join(", ", shown)));
  }
}
