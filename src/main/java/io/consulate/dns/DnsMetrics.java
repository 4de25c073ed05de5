package io.consulate.dns;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * {@code consul.dns.query}: every answered question (malformed ones get FORMERR and count under it; packets not
 * worth an answer count in {@code consul.dns.dropped}), by query type and response code, with its latency (from
 * the datagram's arrival to the reply handed to the socket). The timers are made on first use and kept in a
 * flat array, so the hot path costs an array read and a lock-free histogram update, never a registry lookup.
 */
public final class DnsMetrics {
  public static final String QUERY = "consul.dns.query";
  private static final int[] TYPES = {1, 2, 6, 12, 16, 28, 33, 255};
  private static final String[] TYPE_NAMES = {"A", "NS", "SOA", "PTR", "TXT", "AAAA", "SRV", "ANY", "other"};
  private static final String[] RCODE_NAMES = {"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED", "other"};
  private static final Duration[] BUCKETS = {Duration.ofNanos(100_000), Duration.ofNanos(500_000), Duration.ofMillis(1),
      Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(2)};

  private final MeterRegistry registry;
  private final AtomicReferenceArray<Timer> timers = new AtomicReferenceArray<>(TYPE_NAMES.length * RCODE_NAMES.length);
  private final Counter dropped;

  public DnsMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.dropped = Counter.builder("consul.dns.dropped")
        .description("Packets left unanswered: shorter than a DNS header, or not a query").register(registry);
  }

  /** A packet the responder would not answer (garbage gets no reply, and no log line either). */
  void dropped() {
    dropped.increment();
  }

  /** Records one reply: {@code query} as received, {@code rcode} of the reply, since {@code startNanos}. */
  void answered(byte[] query, int length, int rcode, long startNanos) {
    int slot = typeSlot(query, length) * RCODE_NAMES.length + Math.min(rcode, RCODE_NAMES.length - 1);
    Timer t = timers.get(slot);
    if (t == null) {
      t = Timer.builder(QUERY).description("DNS questions answered, by type and response code")
          .tag("type", TYPE_NAMES[slot / RCODE_NAMES.length]).tag("rcode", RCODE_NAMES[slot % RCODE_NAMES.length])
          .serviceLevelObjectives(BUCKETS).register(registry);
      timers.set(slot, t);
    }
    t.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
  }

  /** The slot of the first question's type, read past its name; "other" for a packet without one. */
  private static int typeSlot(byte[] q, int length) {
    int i = Responder.HEADER_LENGTH;
    while (i < length && q[i] != 0) {
      if ((q[i] & 0xC0) != 0) return TYPES.length;
      i += (q[i] & 0xFF) + 1;
    }
    if (i + 2 >= length) return TYPES.length;
    int type = ((q[i + 1] & 0xFF) << 8) | (q[i + 2] & 0xFF);
    for (int t = 0; t < TYPES.length; t++) if (TYPES[t] == type) return t;
    return TYPES.length;
  }
}
