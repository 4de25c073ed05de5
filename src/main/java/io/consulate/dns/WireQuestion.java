package io.consulate.dns;

import java.util.Arrays;

/**
 * The question of a plain query read straight from the packet, without dnsjava: the cache key of
 * {@link AnswerCache}. Only the common shape is accepted (opcode QUERY, one question whose name has no
 * compression pointer, nothing else but an optional option-less OPT, no trailing bytes); anything else takes the
 * dnsjava path, which decides FORMERR/NOTIMP. The key is the lower-cased name, the type, the transport and the
 * EDNS payload (-1 without OPT): together they fix the answer and its size limit. One mutable instance per
 * responder serves as the lookup probe; {@link #frozen()} makes the stored copy.
 */
final class WireQuestion {
  private static final int TYPE_OPT = 41;
  private static final int TYPE_IXFR = 251;
  private static final int TYPE_AXFR = 252;
  private static final int MAX_NAME = 255;

  private byte[] bytes;
  private int offset;
  private int length;
  private int qtype;
  private int payload;
  private Transport transport;
  private int hash;
  private int end;

  /** Reads the question of the packet in {@code p[0..n)}; false when the packet is not of the fast shape. */
  boolean read(byte[] p, int n, Transport transport) {
    if (n < Responder.HEADER_LENGTH + 5 || ((p[2] >> 3) & 0xf) != 0) return false;
    int additional = u16(p, 10);
    if (u16(p, 4) != 1 || u16(p, 6) != 0 || u16(p, 8) != 0 || additional > 1) return false;
    int pos = Responder.HEADER_LENGTH;
    int h = 1;
    while (true) {
      if (pos >= n) return false;
      int label = p[pos] & 0xff;
      if (label > 63) return false;
      h = 31 * h + label;
      for (int i = pos + 1; i <= pos + label && i < n; i++) h = 31 * h + lower(p[i]);
      pos += label + 1;
      if (pos - Responder.HEADER_LENGTH > MAX_NAME) return false;
      if (label == 0) break;
    }
    if (pos + 4 > n) return false;
    int type = u16(p, pos);
    if (type == TYPE_AXFR || type == TYPE_IXFR || type == TYPE_OPT) return false;
    int questionEnd = pos + 4;
    int edns = -1;
    if (additional == 1) {
      if (questionEnd + 11 != n || p[questionEnd] != 0 || u16(p, questionEnd + 1) != TYPE_OPT
          || u16(p, questionEnd + 9) != 0) {
        return false;
      }
      edns = u16(p, questionEnd + 3);
    } else if (questionEnd != n) {
      return false;
    }
    this.bytes = p;
    this.offset = Responder.HEADER_LENGTH;
    this.length = pos - Responder.HEADER_LENGTH;
    this.qtype = type;
    this.payload = edns;
    this.transport = transport;
    this.end = questionEnd;
    this.hash = (31 * (31 * h + type) + edns) * 2 + transport.ordinal();
    return true;
  }

  /** Where the question ends in the packet just read: the reply copies header id and question up to here. */
  int end() {
    return end;
  }

  /** The EDNS payload size of the packet just read, -1 without OPT. */
  int payload() {
    return payload;
  }

  /** An immutable copy for the cache, its name lower-cased. */
  WireQuestion frozen() {
    WireQuestion copy = new WireQuestion();
    copy.bytes = Arrays.copyOfRange(bytes, offset, offset + length);
    for (int i = 0; i < copy.bytes.length; i++) copy.bytes[i] = (byte) lower(copy.bytes[i]);
    copy.length = length;
    copy.qtype = qtype;
    copy.payload = payload;
    copy.transport = transport;
    copy.hash = hash;
    return copy;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof WireQuestion q) || q.hash != hash || q.length != length || q.qtype != qtype
        || q.payload != payload || q.transport != transport) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (lower(bytes[offset + i]) != lower(q.bytes[q.offset + i])) return false;
    }
    return true;
  }

  /** ASCII-only, as DNS names compare (RFC 4343); label length bytes are below 'A' and stay as they are. */
  private static int lower(byte b) {
    return b >= 'A' && b <= 'Z' ? b + 32 : b & 0xff;
  }

  private static int u16(byte[] p, int at) {
    return ((p[at] & 0xff) << 8) | (p[at + 1] & 0xff);
  }
}
