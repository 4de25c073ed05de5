package io.consulate.dns;

import java.util.Arrays;
import java.util.Random;

/**
 * A reply kept as wire bytes for one cached question, written per response without dnsjava. Every record is
 * encoded on its own (its owner a pointer to the question when it is the question name), so records can be
 * permuted: per-instance answers get a fresh random choice and order each time, as {@link Render} shuffles. Only
 * replies that {@link Render} would not trim are kept (see {@link AnswerEncoder}), so the kept count and the
 * Additional filter are all that sizing leaves to do. SOA serials are rewritten with the current second.
 */
final class EncodedAnswer {
  /** A marker for questions whose reply must be rendered by dnsjava each time. */
  static final EncodedAnswer UNCACHEABLE = new EncodedAnswer(0, new WireRecord[0], new WireRecord[0],
      new WireRecord[0], 0, false, 0);

  /** The reply's OPT: root owner, type 41, the client's payload size (written per reply), TTL and length 0. */
  static final int OPT_LENGTH = 11;
  private static final byte[] OPT = {0, 0, 41, 0, 0, 0, 0, 0, 0, 0, 0};

  private final int flags;
  private final WireRecord[] answers;
  private final WireRecord[] authority;
  private final WireRecord[] additional;
  private final int count;
  private final boolean shuffle;
  private final int targets;

  /**
   * @param flags the reply's header flags and rcode, without RD (copied from each request)
   * @param count how many answers each reply carries, chosen at random from {@code answers} when {@code shuffle}
   * @param targets how many distinct SRV targets the answers have ({@link WireRecord#target()} indexes them)
   */
  EncodedAnswer(int flags, WireRecord[] answers, WireRecord[] authority, WireRecord[] additional, int count,
      boolean shuffle, int targets) {
    this.flags = flags;
    this.answers = answers;
    this.authority = authority;
    this.additional = additional;
    this.count = count;
    this.shuffle = shuffle;
    this.targets = targets;
  }

  boolean cacheable() {
    return this != UNCACHEABLE;
  }

  /** The reply to {@code request}, whose question ends at {@code questionEnd}; {@code payload} -1 means no OPT. */
  byte[] write(byte[] request, int questionEnd, int payload, long serial, Random random) {
    int[] chosen = choose(random);
    boolean[] usedTargets = new boolean[targets];
    boolean srv = false;
    int size = questionEnd;
    for (int i : chosen) {
      WireRecord r = answers[i];
      size += r.length();
      if (r.target() >= 0) {
        srv = true;
        usedTargets[r.target()] = true;
      }
    }
    for (WireRecord r : authority) size += r.length();
    int extra = 0;
    for (WireRecord r : additional) {
      if (kept(r, srv, usedTargets)) {
        size += r.length();
        extra++;
      }
    }
    if (payload >= 0) {
      size += OPT.length;
      extra++;
    }
    byte[] out = new byte[size];
    System.arraycopy(request, 0, out, 0, questionEnd);
    out[2] = (byte) ((flags >> 8) | (request[2] & 0x01));
    out[3] = (byte) flags;
    put16(out, 6, chosen.length);
    put16(out, 8, authority.length);
    put16(out, 10, extra);
    int pos = questionEnd;
    for (int i : chosen) pos = answers[i].write(out, pos, serial);
    for (WireRecord r : authority) pos = r.write(out, pos, serial);
    for (WireRecord r : additional) if (kept(r, srv, usedTargets)) pos = r.write(out, pos, serial);
    if (payload >= 0) {
      System.arraycopy(OPT, 0, out, pos, OPT.length);
      put16(out, pos + 3, payload);
    }
    return out;
  }

  /** With SRV answers, only the records of the chosen targets go to Additional (Render.additionalFor). */
  private static boolean kept(WireRecord r, boolean srv, boolean[] usedTargets) {
    return !srv || (r.target() >= 0 && usedTargets[r.target()]);
  }

  /** The first {@code count} of a random permutation (a partial Fisher-Yates), or the first in order. */
  private int[] choose(Random random) {
    int[] order = new int[shuffle ? answers.length : count];
    for (int i = 0; i < order.length; i++) order[i] = i;
    if (!shuffle) return order;
    for (int i = 0; i < count; i++) {
      int j = i + random.nextInt(order.length - i);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order.length == count ? order : Arrays.copyOf(order, count);
  }

  private static void put16(byte[] out, int at, int value) {
    out[at] = (byte) (value >> 8);
    out[at + 1] = (byte) value;
  }
}
