package io.consulate.dns;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Turns an {@link Answer} into reply bytes the way Consul does (agent/dns.go {@code trimUDPResponse}): instances
 * shuffled per response; a plain 512-byte UDP reply first capped to {@code min(udp_answer_limit, 8)} answers;
 * then the answer count binary-searched down to the size limit (512, the client's EDNS payload, or 65535 on
 * TCP), with Additional kept to the targets of the surviving SRV records. TC only with {@code enable_truncate}.
 */
public final class Render {
  static final int UDP_DEFAULT_SIZE = 512;
  static final int UDP_MAX_ANSWERS = 8;
  private static final int EDNS_MAX_SIZE = 65535 - 68;
  private static final int TCP_MAX_SIZE = 65535;

  private Render() {}

  public static byte[] toWire(Message request, Answer answer, DnsConfig config, Transport transport) {
    List<Record> answers = new ArrayList<>(answer.answers());
    if (answer.perInstance()) {
      Collections.shuffle(answers, ThreadLocalRandom.current());
      boolean addresses = !answers.isEmpty() && answers.get(0).getType() != Type.SRV;
      if (addresses && config.aRecordLimit() > 0) answers = first(answers, config.aRecordLimit());
    }
    int total = answers.size();
    int max = maxSize(request, transport);
    if (max == UDP_DEFAULT_SIZE) answers = first(answers, Math.min(UDP_MAX_ANSWERS, config.udpAnswerLimit()));
    List<Record> authority = answer.authority();
    if (answers.size() > 1 && size(request, answer, answers, authority, config) > max) {
      authority = List.of();
      int fits = 1;
      int tooMany = answers.size();
      while (tooMany - fits > 1) {
        int mid = (fits + tooMany) >>> 1;
        if (size(request, answer, first(answers, mid), authority, config) <= max) fits = mid;
        else tooMany = mid;
      }
      answers = first(answers, fits);
    }
    boolean truncated = config.enableTruncate() && answers.size() < total;
    return build(request, answer, answers, authority, config, truncated).toWire();
  }

  /** A recursor's reply under the client's id, cut to the client's size limit by dnsjava (which sets TC). */
  public static byte[] forwarded(Message request, Message response, Transport transport) {
    response.getHeader().setID(request.getHeader().getID());
    return response.toWire(maxSize(request, transport));
  }

  static int maxSize(Message request, Transport transport) {
    if (transport == Transport.TCP) return TCP_MAX_SIZE;
    OPTRecord opt = request.getOPT();
    return opt == null ? UDP_DEFAULT_SIZE : Math.max(UDP_DEFAULT_SIZE, Math.min(opt.getPayloadSize(), EDNS_MAX_SIZE));
  }

  private static int size(Message request, Answer answer, List<Record> answers, List<Record> authority,
      DnsConfig config) {
    return build(request, answer, answers, authority, config, false).toWire().length;
  }

  private static Message build(Message request, Answer answer, List<Record> answers, List<Record> authority,
      DnsConfig config, boolean truncated) {
    Message reply = new Message(request.getHeader().getID());
    Header h = reply.getHeader();
    h.setFlag(Flags.QR);
    h.setFlag(Flags.AA);
    h.setOpcode(request.getHeader().getOpcode());
    if (request.getHeader().getFlag(Flags.RD)) h.setFlag(Flags.RD);
    if (!config.recursors().isEmpty()) h.setFlag(Flags.RA);
    if (truncated) h.setFlag(Flags.TC);
    h.setRcode(answer.outcome().rcode());
    if (request.getQuestion() != null) reply.addRecord(request.getQuestion(), Section.QUESTION);
    for (Record r : answers) reply.addRecord(r, Section.ANSWER);
    for (Record r : authority) reply.addRecord(r, Section.AUTHORITY);
    for (Record r : additionalFor(answers, answer.additional())) reply.addRecord(r, Section.ADDITIONAL);
    OPTRecord opt = request.getOPT();
    if (opt != null) reply.addRecord(new OPTRecord(opt.getPayloadSize(), 0, 0), Section.ADDITIONAL);
    return reply;
  }

  /** With SRV answers, only the records of the surviving targets; otherwise everything. */
  private static List<Record> additionalFor(List<Record> answers, List<Record> additional) {
    Set<Name> targets = new HashSet<>();
    boolean srv = false;
    for (Record r : answers) {
      if (r instanceof SRVRecord s) {
        srv = true;
        targets.add(s.getTarget());
      }
    }
    if (!srv) return additional;
    List<Record> kept = new ArrayList<>();
    for (Record r : additional) if (targets.contains(r.getName())) kept.add(r);
    return kept;
  }

  private static List<Record> first(List<Record> records, int n) {
    return records.size() <= n ? records : records.subList(0, Math.max(0, n));
  }
}
