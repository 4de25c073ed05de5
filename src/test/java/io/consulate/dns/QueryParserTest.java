package io.consulate.dns;

import static io.consulate.dns.Fixtures.CONFIG;
import static io.consulate.dns.Fixtures.name;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.consulate.dns.DnsQuery.AddrLookup;
import io.consulate.dns.DnsQuery.DomainApex;
import io.consulate.dns.DnsQuery.Invalid;
import io.consulate.dns.DnsQuery.NodeLookup;
import io.consulate.dns.DnsQuery.Outside;
import io.consulate.dns.DnsQuery.PtrLookup;
import io.consulate.dns.DnsQuery.ServiceLookup;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

class QueryParserTest {

  record Case(String name, String qname, String qtype, BiFunction<Name, Integer, DnsQuery> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("service", "web.service.consul.", "A", service("web", "", false)),
        new Case("service with tag", "primary.web.service.consul.", "A", service("web", "primary", false)),
        new Case("labels before the service form one tag", "v1.primary.web.service.consul.", "SRV",
            service("web", "v1.primary", false)),
        new Case("our datacenter", "web.service.dc1.consul.", "A", service("web", "", false)),
        new Case("our datacenter with .dc", "web.service.DC1.dc.consul.", "A", service("web", "", false)),
        new Case("another datacenter -> remote", "web.service.dc2.consul.", "A",
            remote("dc2", service("web", "", false))),
        new Case("another datacenter, .dc form, upper case", "_web._v1.service.DC2.dc.consul.", "SRV",
            remote("dc2", service("web", "v1", true))),
        new Case("node of another datacenter -> remote", "n1.node.dc2.consul.", "A", remote("dc2", node("n1"))),
        new Case("addr of another datacenter: the address is in the name", "c000020a.addr.dc2.consul.", "A",
            addr("192.0.2.10")),
        new Case("too many suffixes -> invalid", "web.service.dc2.dc.x.consul.", "A", Invalid::new),
        new Case("unknown suffix -> invalid", "web.service.dc1.peer.consul.", "A", Invalid::new),
        new Case("RFC 2782, _tcp means no tag", "_web._tcp.service.consul.", "SRV", service("web", "", true)),
        new Case("RFC 2782 with tag", "_web._primary.service.dc1.consul.", "SRV", service("web", "primary", true)),
        new Case("RFC 2782 without .service for SRV", "_web._tcp.consul.", "SRV", service("web", "", true)),
        new Case("RFC 2782 without .service, with dc", "_web._tcp.dc1.consul.", "SRV", service("web", "", true)),
        new Case("RFC 2782 without .service for A -> invalid", "_web._tcp.consul.", "A", Invalid::new),
        new Case("case-insensitive kind and domain", "WEB.SERVICE.CONSUL.", "A", service("WEB", "", false)),
        new Case("node", "n1.node.consul.", "A", node("n1")),
        new Case("node with dots and dc", "foo.bar.node.dc1.consul.", "A", node("foo.bar")),
        new Case("addr IPv4", "c000020a.addr.dc1.consul.", "A", addr("192.0.2.10")),
        new Case("addr IPv6", "20010db8000000000000000000000001.addr.consul.", "AAAA", addr("2001:db8::1")),
        new Case("addr of odd length -> invalid", "c00002.addr.consul.", "A", Invalid::new),
        new Case("addr not hex -> invalid", "zz00020a.addr.consul.", "A", Invalid::new),
        new Case("apex SOA", "consul.", "SOA", DomainApex::new),
        new Case("apex NS, upper case", "CONSUL.", "NS", DomainApex::new),
        new Case("no kind label -> invalid", "web.consul.", "A", Invalid::new),
        new Case("kind without name -> invalid", "service.consul.", "A", Invalid::new),
        new Case("prepared query", "q1.query.consul.", "A",
            (n, t) -> new DnsQuery.PreparedQueryLookup(n, t, "q1", null)),
        new Case("prepared query, RFC 2782", "_q1._tcp.query.dc1.consul.", "SRV",
            (n, t) -> new DnsQuery.PreparedQueryLookup(n, t, "q1", null)),
        new Case("another datacenter's prepared query runs there", "q1.query.dc2.consul.", "A",
            (n, t) -> new DnsQuery.PreparedQueryLookup(n, t, "q1", "dc2")),
        new Case("outside the domain", "example.com.", "A", Outside::new),
        new Case("a domain that only ends like ours", "notconsul.", "A", Outside::new),
        new Case("PTR IPv4", "10.2.0.192.in-addr.arpa.", "PTR", ptr("192.0.2.10")),
        new Case("PTR IPv6", "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.", "PTR",
            ptr("2001:db8::1")),
        new Case("partial reverse name -> outside", "2.0.192.in-addr.arpa.", "PTR", Outside::new),
        new Case("octet over 255 -> outside", "300.2.0.192.in-addr.arpa.", "PTR", Outside::new),
        new Case("reverse name asked for A -> outside", "10.2.0.192.in-addr.arpa.", "A", Outside::new));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void parses(Case c) {
    Name qname = name(c.qname());
    int qtype = Type.value(c.qtype());
    assertEquals(c.expected().apply(qname, qtype), QueryParser.parse(qname, qtype, CONFIG));
  }

  private static BiFunction<Name, Integer, DnsQuery> remote(String dc, BiFunction<Name, Integer, DnsQuery> local) {
    return (n, t) -> new DnsQuery.Remote(n, t, dc, local.apply(n, t));
  }

  private static BiFunction<Name, Integer, DnsQuery> service(String service, String tag, boolean rfc2782) {
    return (n, t) -> new ServiceLookup(n, t, service, tag, rfc2782);
  }

  private static BiFunction<Name, Integer, DnsQuery> node(String node) {
    return (n, t) -> new NodeLookup(n, t, node);
  }

  private static BiFunction<Name, Integer, DnsQuery> addr(String ip) {
    return (n, t) -> new AddrLookup(n, t, inet(ip));
  }

  private static BiFunction<Name, Integer, DnsQuery> ptr(String ip) {
    return (n, t) -> new PtrLookup(n, t, inet(ip));
  }

  private static InetAddress inet(String ip) {
    try {
      return InetAddress.getByName(ip); // a literal: no lookup
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(ip, e);
    }
  }
}
