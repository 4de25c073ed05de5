package io.consulate.dns;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Type;

/**
 * Turns an {@link Answer} into an {@link EncodedAnswer} that replies exactly as {@link Render} would, modulo
 * the order of shuffled answers and name compression. It makes the same choices (a_record_limit, the UDP answer
 * cap, TC) and keeps an answer only when Render would not trim it: when even the largest records it may pick,
 * written with less compression than dnsjava uses, fit the size limit. Anything larger stays on the dnsjava path.
 */
final class AnswerEncoder {
  private static final int QR = 0x8000;
  private static final int AA = 0x0400;
  private static final int TC = 0x0200;
  private static final int RA = 0x0080;

  private AnswerEncoder() {}

  /**
   * @param questionEnd where the request's question ends: the reply's header and question take as much
   * @param max the reply's size limit ({@link Render#maxSize})
   */
  static EncodedAnswer encode(Answer answer, DnsConfig config, Name qname, int questionEnd, int max, boolean opt) {
    List<Record> records = answer.answers();
    int n = records.size();
    int total = n;
    if (answer.perInstance() && n > 0 && records.get(0).getType() != Type.SRV && config.aRecordLimit() > 0) {
      total = Math.min(n, config.aRecordLimit());
    }
    int count = max != Render.UDP_DEFAULT_SIZE ? total
        : Math.min(total, Math.max(0, Math.min(Render.UDP_MAX_ANSWERS, config.udpAnswerLimit())));

    Map<Name, Integer> targets = new HashMap<>();
    for (Record r : records) if (r instanceof SRVRecord s) targets.putIfAbsent(s.getTarget(), targets.size());
    WireRecord[] answers = new WireRecord[n];
    for (int i = 0; i < n; i++) {
      Record r = records.get(i);
      answers[i] = WireRecord.of(r, qname, r instanceof SRVRecord s ? targets.get(s.getTarget()) : -1);
    }
    WireRecord[] authority = encode(answer.authority(), qname, Map.of());
    WireRecord[] additional = encode(answer.additional(), qname, targets);

    if (count > 1 && worstSize(answers, authority, additional, count, questionEnd, opt) > max) {
      return EncodedAnswer.UNCACHEABLE;
    }
    boolean truncated = config.enableTruncate() && count < total;
    int flags = QR | AA | (truncated ? TC : 0) | (config.recursors().isEmpty() ? 0 : RA) | answer.outcome().rcode();
    return new EncodedAnswer(flags, answers, authority, additional, count, answer.perInstance(), targets.size());
  }

  private static WireRecord[] encode(List<Record> records, Name qname, Map<Name, Integer> targets) {
    WireRecord[] out = new WireRecord[records.size()];
    for (int i = 0; i < out.length; i++) {
      Record r = records.get(i);
      out[i] = WireRecord.of(r, qname, targets.getOrDefault(r.getName(), -1));
    }
    return out;
  }

  /**
   * An upper bound of any reply of {@code count} answers: the largest answers, each with its target's Additional
   * records when all answers are SRV (else with all of Additional), plus Authority and OPT.
   */
  private static int worstSize(WireRecord[] answers, WireRecord[] authority, WireRecord[] additional, int count,
      int questionEnd, boolean opt) {
    boolean allSrv = answers.length > 0;
    for (WireRecord r : answers) allSrv &= r.target() >= 0;
    int[] groups = new int[answers.length];
    for (WireRecord a : additional) if (a.target() >= 0) groups[a.target()] += a.length();
    int[] sizes = new int[answers.length];
    for (int i = 0; i < answers.length; i++) sizes[i] = answers[i].length() + (allSrv ? groups[answers[i].target()] : 0);
    Arrays.sort(sizes);
    int size = questionEnd + (opt ? EncodedAnswer.OPT_LENGTH : 0);
    for (int i = 0; i < count; i++) size += sizes[sizes.length - 1 - i];
    for (WireRecord r : authority) size += r.length();
    if (!allSrv) for (WireRecord r : additional) size += r.length();
    return size;
  }
}
