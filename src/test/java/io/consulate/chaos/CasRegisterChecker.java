package io.consulate.chaos;

import static io.consulate.chaos.Op.Kind.CAS;
import static io.consulate.chaos.Op.Kind.READ;
import static io.consulate.chaos.Op.Outcome.FAIL;
import static io.consulate.chaos.Op.Outcome.INFO;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Linearizability of CAS registers: Wing and Gong's search with Lowe's memoization, as Knossos and Porcupine run
 * it. Each key is checked on its own, which is exact because linearizability is local (Herlihy and Wing).
 *
 * <p>The model. A register holds a value, null when the key is absent. Consul's CAS compares ModifyIndex, not
 * values; but the client writes a value no one wrote before with every CAS, sends the ModifyIndex of the read that
 * returned the value it expects, and nothing else writes these keys. So a value names one write, hence one
 * ModifyIndex, and "ModifyIndex is still m" means "the value is still v": {@code cas(v -> w)} succeeds exactly when
 * the register holds v. Index 0 (key absent) is {@code cas(null -> w)}. A CAS answered false is a FAIL as in Jepsen:
 * it had no effect and its refusal is not checked. An unknown (INFO) CAS may take effect at any moment after its
 * invoke, or never; an unknown read says nothing and is dropped.
 */
final class CasRegisterChecker {
  static final String NAME = "cas-register";

  /** Memoized configurations allowed per key before the checker gives up and says it does not know. */
  private final long budget;

  CasRegisterChecker(long budget) {
    this.budget = budget;
  }

  List<Anomaly> check(List<Op> history) {
    Map<String, List<Op>> byKey = new TreeMap<>();
    for (Op op : history) {
      boolean relevant = op.kind() == READ ? op.ok() : op.kind() == CAS && op.outcome() != FAIL;
      if (relevant) byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
    }
    List<Anomaly> out = new ArrayList<>();
    for (Map.Entry<String, List<Op>> e : byKey.entrySet()) {
      search(e.getKey(), pruneUnobserved(e.getValue())).ifPresent(out::add);
    }
    return out;
  }

  /**
   * Drops unknown CAS whose value no other operation observed: no read returned it and no CAS expected it. This
   * is exact: after such a write every read and CAS needs a value it did not write, so it could only be the last
   * operation of a linearization, and one with it exists iff one without it does. It matters because an unknown
   * write stays open to the end of the history and multiplies the search (a minority answering 500 makes many).
   */
  static List<Op> pruneUnobserved(List<Op> ops) {
    List<Op> kept = new ArrayList<>(ops);
    boolean changed = true;
    while (changed) {
      Set<String> observed = new HashSet<>();
      for (Op op : kept) {
        if (op.kind() == READ && op.value() != null) observed.add(op.value());
        if (op.kind() == CAS && op.expected() != null) observed.add(op.expected());
      }
      changed = kept.removeIf(op -> op.kind() == CAS && op.outcome() == INFO && !observed.contains(op.value()));
    }
    return kept;
  }

  /** Empty when some order of the operations, each at a moment within its interval, fits the register. */
  private Optional<Anomaly> search(String key, List<Op> unsorted) {
    // Acknowledged operations first, unknown ones after: the linearized set is then mostly a run of ones and a short
    // tail, which keeps the memo small (see Config).
    List<Op> ops = new ArrayList<>(unsorted);
    ops.sort(Comparator.comparing((Op op) -> !op.ok()).thenComparingLong(Op::invokeNanos));
    int n = ops.size();
    if (n == 0) return Optional.empty();

    // Entries 2i (call of op i) and 2i+1 (its return) in one doubly linked list in time order; HEAD is the sentinel.
    // An unknown op returns at the end of time. At equal times a call goes first: the ops count as concurrent.
    int head = 2 * n;
    int end = -1;
    Integer[] order = new Integer[2 * n];
    for (int e = 0; e < 2 * n; e++) order[e] = e;
    Arrays.sort(order, Comparator.comparingLong((Integer e) -> time(ops.get(e / 2), e % 2 == 1))
        .thenComparingInt(e -> e % 2).thenComparingInt(e -> e / 2));
    int[] next = new int[2 * n + 1];
    int[] prev = new int[2 * n + 1];
    int last = head;
    for (int e : order) {
      next[last] = e;
      prev[e] = last;
      last = e;
    }
    next[last] = end;

    String state = null;
    BitSet linearized = new BitSet(n);
    // The linearized calls and the register before each; a list, not an ArrayDeque, since states may be null.
    List<Integer> calls = new ArrayList<>();
    List<String> states = new ArrayList<>();
    Set<Config> seen = new HashSet<>();
    int deepest = -1;
    int stuck = -1;
    String stuckState = null;
    List<Integer> lastLinearized = List.of();

    int e = next[head];
    while (e != end) {
      int i = e / 2;
      Op op = ops.get(i);
      if (e % 2 == 0) {
        String expected = op.kind() == READ ? op.value() : op.expected();
        if (Objects.equals(state, expected)) {
          String after = op.kind() == READ ? state : op.value();
          linearized.set(i);
          if (seen.add(new Config(linearized, after))) {
            if (seen.size() > budget) return Optional.of(gaveUp(key, n));
            calls.add(e);
            states.add(state);
            state = after;
            unlink(e, next, prev, end);
            unlink(e + 1, next, prev, end);
            e = next[head];
            continue;
          }
          linearized.clear(i);
        }
        e = next[e];
      } else {
        // A return reached: every call before it could not be linearized now. Past the acknowledged returns only
        // unknown ops are left, and they need not have taken effect.
        if (!op.ok()) return Optional.empty();
        if (calls.size() > deepest) {
          deepest = calls.size();
          stuck = i;
          stuckState = state;
          lastLinearized = List.copyOf(calls.subList(Math.max(0, calls.size() - 3), calls.size()));
        }
        if (calls.isEmpty()) break;
        int call = calls.remove(calls.size() - 1);
        state = states.remove(states.size() - 1);
        linearized.clear(call / 2);
        relink(call + 1, next, prev, end);
        relink(call, next, prev, end);
        e = next[call];
      }
    }
    if (e == end) return Optional.empty();
    StringBuilder detail = new StringBuilder("key " + key + " is not linearizable (" + n + " ops searched): ");
    detail.append("the longest valid order takes ").append(deepest).append(" ops, the register then holds ")
        .append(stuckState).append(", and ").append(ops.get(stuck).describe()).append(" cannot follow;");
    detail.append(" the last ops of that order:");
    for (int call : lastLinearized) detail.append("\n      ").append(ops.get(call / 2).describe());
    return Optional.of(new Anomaly(NAME, detail.toString()));
  }

  private static long time(Op op, boolean isReturn) {
    if (!isReturn) return op.invokeNanos();
    return op.ok() ? op.completeNanos() : Long.MAX_VALUE;
  }

  private static void unlink(int e, int[] next, int[] prev, int end) {
    next[prev[e]] = next[e];
    if (next[e] != end) prev[next[e]] = prev[e];
  }

  /** Undoes {@link #unlink}: the entry kept its own links, so it slots back in (reverse order of unlinking). */
  private static void relink(int e, int[] next, int[] prev, int end) {
    next[prev[e]] = e;
    if (next[e] != end) prev[next[e]] = e;
  }

  private Anomaly gaveUp(String key, int n) {
    return new Anomaly(NAME, "key " + key + ": search gave up after " + budget + " configurations (" + n
        + " ops); linearizability unknown, which fails the run rather than passing it silently");
  }

  /**
   * A memo entry: the linearized set and the register's value. The set is stored as the count of leading all-ones
   * words plus the remaining words, since acknowledged ops are numbered in invoke order and get linearized roughly
   * in that order; the key stays small on long histories.
   */
  private static final class Config {
    private final int fullWords;
    private final long[] rest;
    private final String state;
    private final int hash;

    Config(BitSet linearized, String state) {
      long[] words = linearized.toLongArray();
      int k = 0;
      while (k < words.length && words[k] == -1L) k++;
      this.fullWords = k;
      this.rest = Arrays.copyOfRange(words, k, words.length);
      this.state = state;
      this.hash = (31 * fullWords + Arrays.hashCode(rest)) * 31 + Objects.hashCode(state);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Config c && c.fullWords == fullWords && Arrays.equals(c.rest, rest)
          && Objects.equals(c.state, state);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
