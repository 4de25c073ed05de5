package io.consulate.chaos;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Monotonic reads of the index: one client reading one view (request path) from one node never sees
 * {@code X-Consul-Index} go backwards. Views are compared only with themselves because Consul's index is per view:
 * a key's index may well be below the index of another key read just before.
 *
 * <p>One exception, for stale reads only: a node killed between two observations restarts with what it persisted.
 * Consul's followers restore their snapshot and replay the log only up to the commit index the leader tells them,
 * so a {@code ?stale} read right after a restart may answer an older state. A {@code ?consistent} read is confirmed
 * with the leader and has no excuse.
 */
final class IndexChecker {
  static final String NAME = "index";

  List<Anomaly> check(List<IndexRead> reads, List<Fault> faults) {
    Map<String, List<IndexRead>> byView = new TreeMap<>();
    for (IndexRead r : reads) {
      byView.computeIfAbsent("p" + r.process() + "@" + r.node() + " " + r.path(), k -> new ArrayList<>()).add(r);
    }
    List<Anomaly> out = new ArrayList<>();
    for (Map.Entry<String, List<IndexRead>> e : byView.entrySet()) {
      List<IndexRead> seen = e.getValue();
      seen.sort(Comparator.comparingLong(IndexRead::invokeNanos));
      String first = null;
      int times = 0;
      for (int i = 1; i < seen.size(); i++) {
        IndexRead before = seen.get(i - 1);
        IndexRead after = seen.get(i);
        if (after.index() >= before.index()) continue;
        if (after.stale() && killedBetween(after.node(), before, after, faults)) continue;
        times++;
        if (first == null) {
          first = String.format("%s went back from %d (read %.3f-%.3fs) to %d (read %.3f-%.3fs)", e.getKey(),
              before.index(), before.invokeNanos() / 1e9, before.completeNanos() / 1e9, after.index(),
              after.invokeNanos() / 1e9, after.completeNanos() / 1e9);
        }
      }
      // One anomaly per view: a node serving an old state goes back on every read until it catches up.
      if (first != null) out.add(new Anomaly(NAME, first + (times > 1 ? " (" + times + " times in all)" : "")));
    }
    return out;
  }

  private static boolean killedBetween(String node, IndexRead before, IndexRead after, List<Fault> faults) {
    for (Fault f : faults) {
      if (f.killed() && f.nodes().contains(node) && f.startNanos() >= before.invokeNanos()
          && f.startNanos() <= after.completeNanos()) {
        return true;
      }
    }
    return false;
  }
}
