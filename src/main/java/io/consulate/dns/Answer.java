package io.consulate.dns;

import java.util.List;
import org.xbill.DNS.Record;

/**
 * The records of a reply before sizing. {@code perInstance} marks answers with one record per service
 * instance: those are shuffled per response and subject to {@code a_record_limit}.
 */
public record Answer(Outcome outcome, List<Record> answers, List<Record> authority, List<Record> additional,
    boolean perInstance) {

  public Answer {
    answers = List.copyOf(answers);
    authority = List.copyOf(authority);
    additional = List.copyOf(additional);
  }

  public static Answer nxdomain(Record soa) {
    return new Answer(Outcome.NXDOMAIN, List.of(), List.of(soa), List.of(), false);
  }

  public static Answer nodata(Record soa) {
    return new Answer(Outcome.NODATA, List.of(), List.of(soa), List.of(), false);
  }

  /** An outcome with empty sections: FORWARD, FORMERR, NOTIMP, SERVFAIL. */
  public static Answer of(Outcome outcome) {
    return new Answer(outcome, List.of(), List.of(), List.of(), false);
  }
}
