package io.consulate.cluster;

import io.consulate.catalog.ChangeSet;
import io.consulate.catalog.EntryKeys;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Several commands' change sets stored as one write (group commit): one putAll, one round of index raises and
 * one snapshot rebuild for the lot, instead of one each. Commands in a batch are computed against the same
 * snapshot, so only independent ones may share it: none removes anything (a removal may be what a later
 * command checks, such as the node of a service) and no two write the same key. Catalog commands read only
 * entries of the node they write, which these rules keep unchanged for every member of the batch.
 */
final class WriteBatch {
  private final Map<String, String> puts = new HashMap<>();
  private final Set<String> removals = new HashSet<>();
  private final Map<String, Long> indexes = new HashMap<>();
  private long lastIndex;

  /** Whether {@code changes} can join this batch; an empty batch takes anything. */
  boolean accepts(ChangeSet changes) {
    if (isEmpty()) return true;
    if (!removals.isEmpty() || !changes.removals().isEmpty()) return false;
    for (String key : changes.puts().keySet()) if (puts.containsKey(key)) return false;
    return true;
  }

  void add(ChangeSet changes) {
    changes.puts().forEach((k, v) -> puts.put(k, EntryCodec.encode(v)));
    removals.addAll(changes.removals());
    for (String view : changes.touchedIndexes()) indexes.merge(EntryKeys.index(view), changes.index(), Math::max);
    lastIndex = Math.max(lastIndex, changes.index());
  }

  boolean isEmpty() {
    return puts.isEmpty() && removals.isEmpty();
  }

  Map<String, String> puts() {
    return puts;
  }

  Set<String> removals() {
    return removals;
  }

  Map<String, Long> indexes() {
    return indexes;
  }

  long lastIndex() {
    return lastIndex;
  }
}
