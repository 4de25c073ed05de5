package io.consulate.dns;

import static io.consulate.dns.Fixtures.CONFIG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.catalog.CatalogSnapshot;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The cached path replies as the dnsjava path does: each question is asked twice through one {@link Responder},
 * the first reply rendered by dnsjava (and encoded), the second written from the cache; they must agree on
 * everything but the order and choice of shuffled instances.
 */
class AnswerCacheTest {
  private static final CatalogSnapshot CATALOG = Fixtures.catalog();
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
  private static final DnsConfig TRUNCATING = RenderTest.config(true, 0, List.of());
  private static final DnsConfig A_LIMIT_2 = RenderTest.config(false, 2, List.of());

  record Case(String name, String qname, int qtype, int edns, Transport transport, DnsConfig config, boolean cached) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("web SRV", "web.service.consul.", Type.SRV, 0, Transport.UDP, CONFIG, true),
        new Case("mixed case SRV", "WEB.Service.Consul.", Type.SRV, 0, Transport.UDP, CONFIG, true),
        new Case("web A with EDNS", "web.service.dc1.consul.", Type.A, 1232, Transport.UDP, CONFIG, true),
        new Case("tag SRV", "primary.web.service.consul.", Type.SRV, 0, Transport.UDP, CONFIG, true),
        new Case("RFC 2782 SRV", "_web._tcp.service.consul.", Type.SRV, 0, Transport.UDP, CONFIG, true),
        new Case("RFC 2782 tag SRV", "_web._secondary.service.consul.", Type.SRV, 0, Transport.UDP, CONFIG, true),
        new Case("big SRV plain UDP -> 3 of 20", "big.service.consul.", Type.SRV, 0, Transport.UDP, CONFIG, true),
        new Case("big SRV EDNS 4096 -> 20", "big.service.consul.", Type.SRV, 4096, Transport.UDP, CONFIG, true),
        new Case("big SRV EDNS 700 -> trimmed by dnsjava", "big.service.consul.", Type.SRV, 700, Transport.UDP,
            CONFIG, false),
        new Case("big SRV TCP", "big.service.consul.", Type.SRV, 0, Transport.TCP, CONFIG, true),
        new Case("big A plain UDP", "big.service.consul.", Type.A, 0, Transport.UDP, CONFIG, true),
        new Case("big A a_record_limit 2", "big.service.consul.", Type.A, 4096, Transport.UDP, A_LIMIT_2, true),
        new Case("big SRV enable_truncate -> TC", "big.service.consul.", Type.SRV, 0, Transport.UDP, TRUNCATING, true),
        new Case("hostname A -> CNAME", "db.service.consul.", Type.A, 0, Transport.UDP, CONFIG, true),
        new Case("hostname SRV", "db.service.consul.", Type.SRV, 0, Transport.UDP, CONFIG, true),
        new Case("IPv6 AAAA", "v6.service.consul.", Type.AAAA, 0, Transport.UDP, CONFIG, true),
        new Case("same node and port once", "web2.service.consul.", Type.SRV, 0, Transport.UDP, CONFIG, true),
        new Case("no healthy instance -> NXDOMAIN", "down.service.consul.", Type.A, 0, Transport.UDP, CONFIG, true),
        new Case("unknown service -> NXDOMAIN", "nosuch.service.consul.", Type.SRV, 0, Transport.UDP, CONFIG, true),
        new Case("AAAA of an IPv4 service -> NODATA", "web.service.consul.", Type.AAAA, 0, Transport.UDP, CONFIG,
            true),
        new Case("node A with meta", "n1.node.consul.", Type.A, 0, Transport.UDP, CONFIG, true),
        new Case("node TXT", "n1.node.dc1.consul.", Type.TXT, 0, Transport.TCP, CONFIG, true),
        new Case("apex SOA", "consul.", Type.SOA, 0, Transport.UDP, CONFIG, true),
        new Case("apex NS", "Consul.", Type.NS, 0, Transport.UDP, CONFIG, true),
        new Case("addr A", "c000020a.addr.consul.", Type.A, 0, Transport.UDP, CONFIG, true),
        new Case("PTR of a node", "11.0.0.10.in-addr.arpa.", Type.PTR, 0, Transport.UDP, CONFIG, true),
        new Case("outside without recursors -> REFUSED", "example.com.", Type.A, 0, Transport.UDP, CONFIG, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void cachedReplyMatchesDnsjavaReply(Case c) throws IOException {
    AnswerCache cache = new AnswerCache();
    Responder responder = new Responder(() -> CATALOG, () -> c.config(), new Answerer(CLOCK), null, cache, null);
    Message request = RenderTest.query(c.qname(), c.qtype(), c.edns());
    request.getHeader().setFlag(Flags.RD);
    byte[] packet = request.toWire();

    Message slow = new Message(responder.respond(packet, c.transport()).result());
    WireQuestion question = new WireQuestion();
    assertTrue(question.read(packet, packet.length, c.transport()), "a plain question");
    EncodedAnswer kept = cache.of(CATALOG, c.config()).get(question);
    assertNotNull(kept, "the first reply is kept");
    assertEquals(c.cached(), kept.cacheable(), "whether the reply is served from the cache");
    Set<String> possible = new HashSet<>();
    for (Record r : new Answerer(CLOCK).answer(CATALOG,
        QueryParser.parse(request.getQuestion().getName(), c.qtype(), c.config()), c.config()).answers()) {
      possible.add(r.toString().toLowerCase(Locale.ROOT)); // owners compress to the question, in its case
    }
    for (int i = 0; i < 20; i++) {
      Message fast = new Message(responder.respond(packet, c.transport()).result());
      assertSameReply(slow, fast);
      for (Record r : fast.getSection(Section.ANSWER)) assertTrue(possible.contains(r.toString().toLowerCase(Locale.ROOT)), r + " is an answer");
    }
  }

  @Test
  void aNewSnapshotStartsANewGeneration() {
    AnswerCache cache = new AnswerCache();
    AnswerCache.Generation first = cache.of(CATALOG, CONFIG);
    assertEquals(first, cache.of(CATALOG, CONFIG), "same snapshot and config, same generation");
    assertNotEquals(first, cache.of(Fixtures.catalog(), CONFIG), "another snapshot object");
    assertNotEquals(first, cache.of(CATALOG, RenderTest.config(false, 0, List.of())), "another config object");
  }

  @Test
  void questionsOfAnotherShapeTakeTheDnsjavaPath() {
    Message request = RenderTest.query("web.service.consul.", Type.A, 0);
    request.getHeader().setOpcode(org.xbill.DNS.Opcode.STATUS);
    assertNull(readable(request), "opcode other than QUERY");
    Message twoQuestions = RenderTest.query("web.service.consul.", Type.A, 0);
    twoQuestions.addRecord(Record.newRecord(Fixtures.name("db.service.consul."), Type.A, 1), Section.QUESTION);
    assertNull(readable(twoQuestions), "two questions");
    Message options = RenderTest.query("web.service.consul.", Type.A, 0);
    options.addRecord(new OPTRecord(1232, 0, 0, 0, List.of(new org.xbill.DNS.CookieOption(new byte[8]))),
        Section.ADDITIONAL);
    assertNull(readable(options), "EDNS options");
  }

  private static WireQuestion readable(Message request) {
    WireQuestion q = new WireQuestion();
    byte[] wire = request.toWire();
    return q.read(wire, wire.length, Transport.UDP) ? q : null;
  }

  /** Header, question, Authority and OPT equal; answers drawn from the same set; Additional that of the answers. */
  private static void assertSameReply(Message slow, Message fast) {
    assertEquals(slow.getHeader().toString(), fast.getHeader().toString(), "header");
    assertEquals(slow.getQuestion().getName().toString(), fast.getQuestion().getName().toString(), "question case");
    assertEquals(records(slow, Section.AUTHORITY), records(fast, Section.AUTHORITY), "authority");
    OPTRecord opt = slow.getOPT();
    assertEquals(opt == null ? -1 : opt.getPayloadSize(), fast.getOPT() == null ? -1 : fast.getOPT().getPayloadSize());
    List<Record> answers = fast.getSection(Section.ANSWER);
    assertEquals(slow.getSection(Section.ANSWER).size(), answers.size(), "answer count");
    assertEquals(new HashSet<>(answers).size(), answers.size(), "no answer twice");
    for (Record r : answers) assertEquals(r.getName().toString(), slow.getQuestion().getName().toString());
    assertEquals(additionalFor(answers, fast), records(fast, Section.ADDITIONAL), "additional of the answers");
    assertEquals(additionalFor(slow.getSection(Section.ANSWER), slow), records(slow, Section.ADDITIONAL));
  }

  /** What Additional must hold for these answers: the records of their SRV targets, or everything else. */
  private static Set<String> additionalFor(List<Record> answers, Message reply) {
    Set<Name> targets = new HashSet<>();
    for (Record r : answers) if (r instanceof SRVRecord s) targets.add(s.getTarget());
    Set<String> out = new HashSet<>();
    for (Record r : reply.getSection(Section.ADDITIONAL)) {
      if (r.getType() != Type.OPT && (targets.isEmpty() || targets.contains(r.getName()))) out.add(r.toString());
    }
    return out;
  }

  private static Set<String> records(Message m, int section) {
    Set<String> out = new HashSet<>();
    for (Record r : m.getSection(section)) if (r.getType() != Type.OPT) out.add(r.toString());
    return out;
  }
}
