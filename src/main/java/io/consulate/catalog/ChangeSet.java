package io.consulate.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one write does to the store: entries to put (keyed by {@link EntryKeys}), keys to remove, and the
 * index-table entries it advances. An empty change set is an idempotent write: nothing is stored and no
 * index moves, so blocking queries do not wake.
 */
public record ChangeSet(long index, Map<String, Object> puts, Set<String> removals, Set<String> touchedIndexes) {

  public ChangeSet {
    puts = Collections.unmodifiableMap(new LinkedHashMap<>(puts));
    removals = Collections.unmodifiableSet(new LinkedHashSet<>(removals));
    touchedIndexes = Collections.unmodifiableSet(new LinkedHashSet<>(touchedIndexes));
  }

  public boolean isEmpty() {
    return puts.isEmpty() && removals.isEmpty();
  }

  /** Collects one write's effects; later puts of the same key win. */
  public static final class Builder {
    private final long index;
    private final Map<String, Object> puts = new LinkedHashMap<>();
    private final Set<String> removals = new LinkedHashSet<>();
    private final Set<String> touched = new LinkedHashSet<>();

    public Builder(long index) {
      this.index = index;
    }

    public long index() {
      return index;
    }

    Builder put(String key, Object entry) {
      removals.remove(key);
      puts.put(key, entry);
      return this;
    }

    Builder remove(String key) {
      puts.remove(key);
      removals.add(key);
      return this;
    }

    Builder touch(String indexKey) {
      touched.add(indexKey);
      return this;
    }

    /** Whether this write already puts that entry (a check registered together with its service or node). */
    boolean pending(String entryKey) {
      return puts.containsKey(entryKey);
    }

    /**
     * {@code before} as this write has changed it so far: a transaction's later operations read its earlier ones
     * (a service set, then got, in one {@code /v1/txn}).
     */
    public CatalogReads over(CatalogReads before) {
      return new PendingReads(before, puts, removals);
    }

    public ChangeSet build() {
      return new ChangeSet(index, puts, removals, isEmptyWrite() ? Set.of() : touched);
    }

    private boolean isEmptyWrite() {
      return puts.isEmpty() && removals.isEmpty();
    }
  }
}
