package io.consulate.dns;

import static io.consulate.dns.Fixtures.CONFIG;
import static io.consulate.dns.Fixtures.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.catalog.CatalogSnapshot;
import java.io.IOException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class RenderTest {
  private static final CatalogSnapshot BIG = Fixtures.catalog();
  private static final Answerer ANSWERER = new Answerer(Clock.systemUTC());

  record Case(String name, int ednsPayload, Transport transport, int answers) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> sizes() {
    return Stream.of(
        new Case("plain UDP -> udp_answer_limit 3", 0, Transport.UDP, 3),
        new Case("EDNS 512 -> still capped to 3", 512, Transport.UDP, 3),
        new Case("EDNS 4096 -> all 20", 4096, Transport.UDP, 20),
        new Case("EDNS 700 -> as many as fit", 700, Transport.UDP, -1),
        new Case("TCP -> all 20", 0, Transport.TCP, 20));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sizes")
  void sizesSrvRepliesAndKeepsAdditionalInSync(Case c) throws IOException {
    Message request = query("big.service.consul.", Type.SRV, c.ednsPayload());
    byte[] wire = Render.toWire(request, answer(BIG, request, CONFIG), CONFIG, c.transport());
    Message reply = new Message(wire);
    List<Record> answers = reply.getSection(Section.ANSWER);
    if (c.answers() > 0) assertEquals(c.answers(), answers.size(), "answer count");
    else assertTrue(answers.size() > 3 && answers.size() < 20 && wire.length <= c.ednsPayload(), "trimmed to fit");
    Set<Name> targets = new HashSet<>();
    for (Record r : answers) targets.add(((SRVRecord) r).getTarget());
    Set<Name> extraNames = new HashSet<>();
    for (Record r : reply.getSection(Section.ADDITIONAL)) if (r.getType() == Type.A) extraNames.add(r.getName());
    assertEquals(targets, extraNames, "additional records are those of the surviving targets");
    assertFalse(reply.getHeader().getFlag(Flags.TC), "no TC without enable_truncate");
  }

  @Test
  void setsTcOnlyWithEnableTruncate() throws IOException {
    DnsConfig truncating = config(true, 0, List.of());
    Message request = query("big.service.consul.", Type.SRV, 0);
    Message reply = new Message(Render.toWire(request, answer(BIG, request, truncating), truncating, Transport.UDP));
    assertTrue(reply.getHeader().getFlag(Flags.TC));
    assertEquals(3, reply.getSection(Section.ANSWER).size());
  }

  @Test
  void aRecordLimitCapsAddressAnswers() throws IOException {
    DnsConfig limited = config(false, 2, List.of());
    Message request = query("big.service.consul.", Type.A, 4096);
    Message reply = new Message(Render.toWire(request, answer(BIG, request, limited), limited, Transport.UDP));
    assertEquals(2, reply.getSection(Section.ANSWER).size());
  }

  @Test
  void copiesIdQuestionAndRdSetsAaRaAndEchoesEdns() throws IOException {
    DnsConfig recursing = config(false, 0, List.of("192.0.2.53"));
    Message request = query("Big.Service.Consul.", Type.A, 1232);
    request.getHeader().setFlag(Flags.RD);
    Message reply = new Message(Render.toWire(request, answer(BIG, request, recursing), recursing, Transport.UDP));
    assertEquals(request.getHeader().getID(), reply.getHeader().getID());
    assertEquals(request.getQuestion(), reply.getQuestion());
    assertTrue(reply.getHeader().getFlag(Flags.QR) && reply.getHeader().getFlag(Flags.AA));
    assertTrue(reply.getHeader().getFlag(Flags.RD) && reply.getHeader().getFlag(Flags.RA));
    assertEquals(Rcode.NOERROR, reply.getRcode());
    OPTRecord opt = reply.getOPT();
    assertNotNull(opt, "OPT echoed");
    assertEquals(1232, opt.getPayloadSize());
    assertEquals("Big.Service.Consul.", reply.getSection(Section.ANSWER).get(0).getName().toString());
  }

  @Test
  void shufflesInstancesPerResponse() throws IOException {
    Message request = query("big.service.consul.", Type.SRV, 4096);
    Answer answer = answer(BIG, request, CONFIG);
    Set<Record> firsts = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      firsts.add(new Message(Render.toWire(request, answer, CONFIG, Transport.UDP)).getSection(Section.ANSWER).get(0));
    }
    assertTrue(firsts.size() > 1, "the first answer varies between responses");
  }

  private static Answer answer(CatalogSnapshot catalog, Message request, DnsConfig config) {
    Record q = request.getQuestion();
    return ANSWERER.answer(catalog, QueryParser.parse(q.getName(), q.getType(), config), config);
  }

  static Message query(String qname, int qtype, int ednsPayload) {
    Message m = Message.newQuery(Record.newRecord(name(qname), qtype, DClass.IN));
    if (ednsPayload > 0) m.addRecord(new OPTRecord(ednsPayload, 0, 0), Section.ADDITIONAL);
    return m;
  }

  static DnsConfig config(boolean enableTruncate, int aRecordLimit, List<String> recursors) {
    DnsConfig d = CONFIG;
    return new DnsConfig(d.domain(), d.datacenter(), d.nodeName(), d.nodeTtl(), Map.of(), d.onlyPassing(),
        d.udpAnswerLimit(), enableTruncate, recursors, d.recursorTimeoutMillis(), aRecordLimit,
        d.enableAdditionalNodeMetaTxt(), d.soaRefresh(), d.soaRetry(), d.soaExpire(), d.soaMinTtl(), null);
  }
}
