package io.consulate.dns;

import io.netty.buffer.ByteBuf;

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

  /**
   * Picks this reply's answers into {@code pick} and returns the reply's size: the request's header and question
   * (up to {@code questionEnd}), the records, and an OPT when {@code payload} is not -1.
   */
  int size(AnswerPick pick, int questionEnd, int payload) {
    pick.choose(answers, count, shuffle, targets);
    int size = questionEnd;
    for (int i = 0; i < pick.count(); i++) size += answers[pick.answer(i)].length();
    for (WireRecord r : authority) size += r.length();
    for (WireRecord r : additional) if (pick.keeps(r)) size += r.length();
    return payload >= 0 ? size + OPT.length : size;
  }

  /** Writes the reply {@link #size} just picked into {@code out}: the request's id and question, then records. */
  void write(AnswerPick pick, byte[] request, int questionEnd, int payload, long serial, ByteBuf out) {
    int extra = payload >= 0 ? 1 : 0;
    for (WireRecord r : additional) if (pick.keeps(r)) extra++;
    int start = out.writerIndex();
    out.writeBytes(request, 0, questionEnd);
    out.setByte(start + 2, (flags >> 8) | (request[2] & 0x01));
    out.setByte(start + 3, flags);
    out.setShort(start + 6, pick.count());
    out.setShort(start + 8, authority.length);
    out.setShort(start + 10, extra);
    for (int i = 0; i < pick.count(); i++) answers[pick.answer(i)].write(out, serial);
    for (WireRecord r : authority) r.write(out, serial);
    for (WireRecord r : additional) if (pick.keeps(r)) r.write(out, serial);
    if (payload >= 0) {
      int at = out.writerIndex();
      out.writeBytes(OPT);
      out.setShort(at + 3, payload);
    }
  }
}
