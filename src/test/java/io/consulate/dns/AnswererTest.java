package io.consulate.dns;

import static io.consulate.dns.Fixtures.CONFIG;
import static io.consulate.dns.Fixtures.name;
import static io.consulate.dns.Fixtures.rr;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.consulate.catalog.CatalogSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

class AnswererTest {
  private static final Answerer ANSWERER = new Answerer(Clock.fixed(Instant.ofEpochSecond(1700000000), ZoneOffset.UTC));
  private static final CatalogSnapshot CATALOG = Fixtures.catalog();
  private static final String SOA = "consul. 0 IN SOA ns.consul. hostmaster.consul. 1700000000 3600 600 86400 0";

  /** Expected sections in zone-file syntax, compared as sets (Render shuffles instances anyway). */
  record Case(String name, String qname, String qtype, Outcome outcome, List<String> answers, List<String> authority,
      List<String> additional) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("service A: node or own address, critical node skipped", "web.service.consul.", "A", Outcome.ANSWER,
            List.of("web.service.consul. 0 IN A 10.0.0.11", "web.service.consul. 0 IN A 10.0.1.2"), List.of(), List.of()),
        new Case("owner keeps the question's case", "WEB.Service.CONSUL.", "A", Outcome.ANSWER,
            List.of("WEB.Service.CONSUL. 0 IN A 10.0.0.11", "WEB.Service.CONSUL. 0 IN A 10.0.1.2"), List.of(), List.of()),
        new Case("SRV: node target with meta TXT, addr target for own IP, weight by status", "web.service.consul.",
            "SRV", Outcome.ANSWER,
            List.of("web.service.consul. 0 IN SRV 1 10 80 n1.node.dc1.consul.",
                "web.service.consul. 0 IN SRV 1 3 81 0a000102.addr.dc1.consul."),
            List.of(),
            List.of("n1.node.dc1.consul. 0 IN A 10.0.0.11", "n1.node.dc1.consul. 0 IN TXT \"rack=r1\"",
                "0a000102.addr.dc1.consul. 0 IN A 10.0.1.2")),
        new Case("tag filter", "primary.web.service.consul.", "A", Outcome.ANSWER,
            List.of("primary.web.service.consul. 0 IN A 10.0.0.11"), List.of(), List.of()),
        new Case("RFC 2782 with tag", "_web._secondary.service.consul.", "SRV", Outcome.ANSWER,
            List.of("_web._secondary.service.consul. 0 IN SRV 1 3 81 0a000102.addr.dc1.consul."), List.of(),
            List.of("0a000102.addr.dc1.consul. 0 IN A 10.0.1.2")),
        new Case("same node, address and port -> one SRV", "web2.service.consul.", "SRV", Outcome.ANSWER,
            List.of("web2.service.consul. 0 IN SRV 1 1 90 n1.node.dc1.consul."), List.of(),
            List.of("n1.node.dc1.consul. 0 IN A 10.0.0.11", "n1.node.dc1.consul. 0 IN TXT \"rack=r1\"")),
        new Case("same address twice -> one A", "web2.service.consul.", "A", Outcome.ANSWER,
            List.of("web2.service.consul. 0 IN A 10.0.0.11"), List.of(), List.of()),
        new Case("TXT on a service gives A records (Consul quirk)", "web2.service.consul.", "TXT", Outcome.ANSWER,
            List.of("web2.service.consul. 0 IN A 10.0.0.11"), List.of(), List.of()),
        new Case("AAAA on an IPv4 service -> NODATA", "web.service.consul.", "AAAA", Outcome.NODATA, List.of(),
            List.of(SOA), List.of()),
        new Case("AAAA on an IPv6 service", "v6.service.consul.", "AAAA", Outcome.ANSWER,
            List.of("v6.service.consul. 0 IN AAAA 2001:db8::6"), List.of(), List.of()),
        new Case("hostname address -> CNAME", "db.service.consul.", "A", Outcome.ANSWER,
            List.of("db.service.consul. 0 IN CNAME db.example.com."), List.of(), List.of()),
        new Case("hostname address -> SRV target is the hostname", "db.service.consul.", "SRV", Outcome.ANSWER,
            List.of("db.service.consul. 0 IN SRV 1 1 5432 db.example.com."), List.of(), List.of()),
        new Case("unknown service -> NXDOMAIN", "nope.service.consul.", "A", Outcome.NXDOMAIN, List.of(),
            List.of(SOA), List.of()),
        new Case("no healthy instance -> NXDOMAIN", "down.service.consul.", "A", Outcome.NXDOMAIN, List.of(),
            List.of(SOA), List.of()),
        new Case("unknown tag -> NXDOMAIN", "blue.web.service.consul.", "A", Outcome.NXDOMAIN, List.of(),
            List.of(SOA), List.of()),
        new Case("node A with meta TXT in additional", "n1.node.consul.", "A", Outcome.ANSWER,
            List.of("n1.node.consul. 0 IN A 10.0.0.11"), List.of(), List.of("n1.node.consul. 0 IN TXT \"rack=r1\"")),
        new Case("node TXT", "n1.node.dc1.consul.", "TXT", Outcome.ANSWER,
            List.of("n1.node.dc1.consul. 0 IN TXT \"rack=r1\""), List.of(), List.of()),
        new Case("node ANY: address and meta", "n1.node.consul.", "ANY", Outcome.ANSWER,
            List.of("n1.node.consul. 0 IN A 10.0.0.11", "n1.node.consul. 0 IN TXT \"rack=r1\""), List.of(), List.of()),
        new Case("node is not health-filtered", "n3.node.consul.", "A", Outcome.ANSWER,
            List.of("n3.node.consul. 0 IN A 10.0.0.13"), List.of(), List.of()),
        new Case("node AAAA on IPv4 node -> NODATA", "n1.node.consul.", "AAAA", Outcome.NODATA, List.of(),
            List.of(SOA), List.of()),
        new Case("unknown node -> NXDOMAIN", "nope.node.consul.", "A", Outcome.NXDOMAIN, List.of(), List.of(SOA),
            List.of()),
        new Case("addr IPv4", "0a000102.addr.dc1.consul.", "A", Outcome.ANSWER,
            List.of("0a000102.addr.dc1.consul. 0 IN A 10.0.1.2"), List.of(), List.of()),
        new Case("addr IPv6", "20010db8000000000000000000000006.addr.consul.", "AAAA", Outcome.ANSWER,
            List.of("20010db8000000000000000000000006.addr.consul. 0 IN AAAA 2001:db8::6"), List.of(), List.of()),
        new Case("addr asked for another type -> additional", "0a000102.addr.consul.", "SRV", Outcome.ANSWER,
            List.of(), List.of(), List.of("0a000102.addr.consul. 0 IN A 10.0.1.2")),
        new Case("PTR of a node address", "11.0.0.10.in-addr.arpa.", "PTR", Outcome.ANSWER,
            List.of("11.0.0.10.in-addr.arpa. 0 IN PTR n1.node.dc1.consul."), List.of(), List.of()),
        new Case("PTR of a service address", "2.1.0.10.in-addr.arpa.", "PTR", Outcome.ANSWER,
            List.of("2.1.0.10.in-addr.arpa. 0 IN PTR web.service.dc1.consul."), List.of(), List.of()),
        new Case("PTR of a compressed IPv6 node address",
            "6.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.", "PTR", Outcome.ANSWER,
            List.of("6.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa. 0 IN PTR n6.node.dc1.consul."),
            List.of(), List.of()),
        new Case("PTR of an unknown address -> forward", "9.9.9.9.in-addr.arpa.", "PTR", Outcome.FORWARD, List.of(),
            List.of(), List.of()),
        new Case("apex SOA with NS and glue", "consul.", "SOA", Outcome.ANSWER, List.of(SOA),
            List.of("consul. 0 IN NS agent-one.node.dc1.consul."),
            List.of("agent-one.node.dc1.consul. 0 IN A 10.0.0.1")),
        new Case("apex NS", "consul.", "NS", Outcome.ANSWER, List.of("consul. 0 IN NS agent-one.node.dc1.consul."),
            List.of(), List.of("agent-one.node.dc1.consul. 0 IN A 10.0.0.1")),
        new Case("apex ANY", "consul.", "ANY", Outcome.ANSWER,
            List.of(SOA, "consul. 0 IN NS agent-one.node.dc1.consul."), List.of(),
            List.of("agent-one.node.dc1.consul. 0 IN A 10.0.0.1")),
        new Case("apex A -> NODATA", "consul.", "A", Outcome.NODATA, List.of(), List.of(SOA), List.of()),
        new Case("outside -> forward", "example.com.", "A", Outcome.FORWARD, List.of(), List.of(), List.of()),
        new Case("invalid -> NXDOMAIN", "web.consul.", "A", Outcome.NXDOMAIN, List.of(), List.of(SOA), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answers(Case c) {
    Answer a = answer(CATALOG, CONFIG, c.qname(), c.qtype());
    assertEquals(c.outcome(), a.outcome(), "outcome");
    assertEquals(texts(c.answers()), sorted(a.answers()), "answer section");
    assertEquals(texts(c.authority()), sorted(a.authority()), "authority section");
    assertEquals(texts(c.additional()), sorted(a.additional()), "additional section");
  }

  @Test
  void onlyPassingDropsWarningInstances() {
    DnsConfig config = withTtls(Map.of(), true);
    Answer a = answer(CATALOG, config, "web.service.consul.", "A");
    assertEquals(texts(List.of("web.service.consul. 7 IN A 10.0.0.11")), sorted(a.answers()));
  }

  @Test
  void serviceTtlExactBeatsPrefixBeatsStarElseNodeTtl() {
    DnsConfig config = withTtls(Map.of("web", 30L, "we*", 20L, "*", 5L), false);
    assertEquals(30, config.ttlForService("WEB"));
    assertEquals(20, config.ttlForService("web2"));
    assertEquals(5, config.ttlForService("db"));
    assertEquals(7, withTtls(Map.of("web", 30L), false).ttlForService("db"), "no match falls back to node_ttl");
    Answer a = answer(CATALOG, config, "web2.service.consul.", "SRV");
    assertEquals(texts(List.of("web2.service.consul. 20 IN SRV 1 1 90 n1.node.dc1.consul.")), sorted(a.answers()));
    assertEquals(texts(List.of("n1.node.dc1.consul. 7 IN A 10.0.0.11")),
        sorted(answer(CATALOG, config, "n1.node.dc1.consul.", "A").answers()), "node answers use node_ttl");
  }

  private static DnsConfig withTtls(Map<String, Long> serviceTtl, boolean onlyPassing) {
    DnsConfig d = CONFIG;
    return new DnsConfig(d.domain(), d.datacenter(), d.nodeName(), 7, serviceTtl, onlyPassing, d.udpAnswerLimit(),
        d.enableTruncate(), d.recursors(), d.recursorTimeoutMillis(), d.aRecordLimit(),
        d.enableAdditionalNodeMetaTxt(), d.soaRefresh(), d.soaRetry(), d.soaExpire(), d.soaMinTtl(), null);
  }

  private static Answer answer(CatalogSnapshot catalog, DnsConfig config, String qname, String qtype) {
    Name n = name(qname);
    int t = Type.value(qtype);
    return ANSWERER.answer(catalog, QueryParser.parse(n, t, config), config);
  }

  private static List<String> texts(List<String> zoneLines) {
    return zoneLines.stream().map(l -> rr(l).toString()).sorted().toList();
  }

  private static List<String> sorted(List<Record> records) {
    return records.stream().map(Record::toString).sorted().toList();
  }
}
