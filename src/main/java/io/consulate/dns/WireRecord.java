package io.consulate.dns;

import io.netty.buffer.ByteBuf;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/**
 * One resource record as wire bytes that can go anywhere in a reply: the owner is a pointer to the question
 * (offset 12) when it is the question name, else written in full, and the data is never compressed.
 *
 * @param target the index of the SRV target this record answers or belongs to, or -1
 * @param serialAt where an SOA's serial sits in {@code bytes}, or -1: rewritten per reply with the current second
 */
record WireRecord(byte[] bytes, int target, int serialAt) {
  private static final int SOA_TAIL = 20;

  static WireRecord of(Record record, Name qname, int target) {
    byte[] full = record.toWire(Section.ANSWER);
    byte[] bytes = full;
    if (record.getName().equals(qname)) {
      int owner = record.getName().length();
      bytes = new byte[full.length - owner + 2];
      bytes[0] = (byte) 0xc0;
      bytes[1] = Responder.HEADER_LENGTH;
      System.arraycopy(full, owner, bytes, 2, full.length - owner);
    }
    return new WireRecord(bytes, target, record instanceof SOARecord ? bytes.length - SOA_TAIL : -1);
  }

  int length() {
    return bytes.length;
  }

  /** Appends the record to {@code out}, with {@code serial} as an SOA's serial. */
  void write(ByteBuf out, long serial) {
    int at = out.writerIndex();
    out.writeBytes(bytes);
    if (serialAt >= 0) out.setInt(at + serialAt, (int) serial);
  }
}
