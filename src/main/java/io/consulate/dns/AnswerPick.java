package io.consulate.dns;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which of a cached reply's answers go out this time, and which SRV targets they use: chosen by
 * {@link EncodedAnswer#size} and written by {@link EncodedAnswer#write}. One instance per responder, reused for
 * every reply, so serving from the cache allocates nothing but the reply's buffer.
 */
final class AnswerPick {
  private int[] order = new int[8];
  private boolean[] usedTargets = new boolean[8];
  private int count;
  private boolean srv;

  /** Picks {@code count} of {@code answers}: the first in order, or the first of a random permutation. */
  void choose(WireRecord[] answers, int count, boolean shuffle, int targets) {
    int n = shuffle ? answers.length : count;
    if (order.length < n) order = new int[n];
    if (usedTargets.length < targets) usedTargets = new boolean[targets];
    for (int i = 0; i < n; i++) order[i] = i;
    if (shuffle) {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      for (int i = 0; i < count; i++) {
        int j = i + random.nextInt(n - i);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
    }
    this.count = count;
    Arrays.fill(usedTargets, 0, targets, false);
    srv = false;
    for (int i = 0; i < count; i++) {
      int target = answers[order[i]].target();
      if (target >= 0) {
        srv = true;
        usedTargets[target] = true;
      }
    }
  }

  int count() {
    return count;
  }

  /** The index into the answers of the {@code i}th chosen one. */
  int answer(int i) {
    return order[i];
  }

  /** With SRV answers, only the records of the chosen targets go to Additional (Render.additionalFor). */
  boolean keeps(WireRecord additional) {
    return !srv || (additional.target() >= 0 && usedTargets[additional.target()]);
  }
}
