package io.consulate.dns;

import io.consulate.catalog.CatalogSnapshot;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Encoded replies per question for one catalog snapshot and one DNS config, shared by the DNS verticles of an
 * agent. Snapshots and configs are immutable and replaced whole, so a cache is valid exactly while both are the
 * same objects: the first question after a change starts a new generation and the old one is dropped. Bounded:
 * once full, further questions of that generation are answered through dnsjava without being kept.
 */
final class AnswerCache {
  static final int MAX_ENTRIES = 50_000;

  private volatile Generation current = new Generation(null, null);

  /** The generation for this snapshot and config, starting a new one when either changed (racing verticles may
   * each start one; the last wins and the other's entries are only lost work). */
  Generation of(CatalogSnapshot snapshot, DnsConfig config) {
    Generation g = current;
    if (g.snapshot == snapshot && g.config == config) return g;
    g = new Generation(snapshot, config);
    current = g;
    return g;
  }

  static final class Generation {
    private final CatalogSnapshot snapshot;
    private final DnsConfig config;
    private final ConcurrentHashMap<WireQuestion, EncodedAnswer> answers = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();

    private Generation(CatalogSnapshot snapshot, DnsConfig config) {
      this.snapshot = snapshot;
      this.config = config;
    }

    CatalogSnapshot snapshot() {
      return snapshot;
    }

    /** The kept reply, {@link EncodedAnswer#UNCACHEABLE} for one that must be rendered each time, or null. */
    EncodedAnswer get(WireQuestion question) {
      return answers.get(question);
    }

    void put(WireQuestion question, EncodedAnswer answer) {
      if (size.get() < MAX_ENTRIES && answers.putIfAbsent(question.frozen(), answer) == null) size.incrementAndGet();
    }
  }
}
