package io.consulate.dns;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.Node;
import io.consulate.catalog.ServiceInstance;
import io.consulate.dns.DnsQuery.AddrLookup;
import io.consulate.dns.DnsQuery.DomainApex;
import io.consulate.dns.DnsQuery.NodeLookup;
import io.consulate.dns.DnsQuery.Outside;
import io.consulate.dns.DnsQuery.PtrLookup;
import io.consulate.dns.DnsQuery.ServiceLookup;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Answers a parsed question from one catalog snapshot: a pure function of (snapshot, query, config) and the
 * clock, which only feeds the SOA serial. Never scans the catalog; sizing and shuffling are left to {@link Render}.
 */
public final class Answerer {
  private final Clock clock;

  public Answerer(Clock clock) {
    this.clock = clock;
  }

  public Answer answer(CatalogSnapshot snapshot, DnsQuery query, DnsConfig config) {
    Record soa = RecordMaker.soa(config, serial());
    if (query instanceof ServiceLookup q) return ServiceAnswerer.answer(snapshot, q, config, soa);
    if (query instanceof NodeLookup q) return node(snapshot, q, config, soa);
    if (query instanceof AddrLookup q) return addr(q, config);
    if (query instanceof PtrLookup q) return ptr(snapshot, q, config);
    if (query instanceof DomainApex q) return apex(snapshot, q.qtype(), config, soa);
    if (query instanceof Outside) return Answer.of(Outcome.FORWARD);
    return Answer.nxdomain(soa);
  }

  /** The SOA serial: the current second, as Consul's. Read per reply, so through millis(), which allocates nothing. */
  long serial() {
    return clock.millis() / 1000;
  }

  /** Whether a record of type {@code rtype} answers {@code qtype}; a CNAME answers an address question. */
  static boolean matches(int rtype, int qtype) {
    return rtype == qtype || qtype == Type.ANY || (rtype == Type.CNAME && (qtype == Type.A || qtype == Type.AAAA));
  }

  /** The node's address, and its meta as TXT: in Answer for TXT/ANY, else in Additional (when enabled). */
  private static Answer node(CatalogSnapshot snapshot, NodeLookup q, DnsConfig config, Record soa) {
    Node node = snapshot.node(q.node());
    if (node == null || !config.canReadNode(node.name())) return Answer.nxdomain(soa);
    long ttl = config.nodeTtl();
    List<Record> answers = new ArrayList<>();
    List<Record> additional = new ArrayList<>();
    Record address = RecordMaker.address(q.qname(), ttl, node.address());
    if (address != null && matches(address.getType(), q.qtype())) answers.add(address);
    List<Record> meta = RecordMaker.nodeMeta(q.qname(), ttl, node.meta());
    if (q.qtype() == Type.TXT || q.qtype() == Type.ANY) answers.addAll(meta);
    else if (!answers.isEmpty() && config.enableAdditionalNodeMetaTxt()) additional.addAll(meta);
    return answers.isEmpty() ? Answer.nodata(soa) : new Answer(Outcome.ANSWER, answers, List.of(), additional, false);
  }

  /** The synthetic address itself; for a question of another type it goes to Additional, as in Consul. */
  private static Answer addr(AddrLookup q, DnsConfig config) {
    Record r = RecordMaker.ip(q.qname(), config.nodeTtl(), q.address());
    return matches(r.getType(), q.qtype())
        ? new Answer(Outcome.ANSWER, List.of(r), List.of(), List.of(), false)
        : new Answer(Outcome.ANSWER, List.of(), List.of(), List.of(r), false);
  }

  /** A node with this address, else a service with this explicit address; unknown addresses go to the recursors. */
  private static Answer ptr(CatalogSnapshot snapshot, PtrLookup q, DnsConfig config) {
    Name target = ptrTarget(snapshot, addressForms(q.address()), config);
    if (target == null) return Answer.of(Outcome.FORWARD);
    return new Answer(Outcome.ANSWER, List.of(new PTRRecord(q.qname(), DClass.IN, 0, target)), List.of(), List.of(),
        false);
  }

  private static Name ptrTarget(CatalogSnapshot snapshot, List<String> forms, DnsConfig config) {
    for (String form : forms) {
      Node node = snapshot.nodeByAddress(form);
      if (node != null && config.canReadNode(node.name())) return RecordMaker.nodeName(node.name(), config);
    }
    for (String form : forms) {
      ServiceInstance s = snapshot.serviceByAddress(form);
      if (s != null && config.canRead(s.name(), s.node())) return RecordMaker.serviceName(s.name(), config);
    }
    return null;
  }

  /** The textual forms an address may be registered under: Java's full form and RFC 5952's compressed one. */
  private static List<String> addressForms(InetAddress ip) {
    String full = ip.getHostAddress();
    String compressed = NetUtil.toAddressString(ip);
    return full.equals(compressed) ? List.of(full) : List.of(compressed, full);
  }

  /** SOA, NS and ANY at the domain. This agent is the name server: {@code <node>.node.<dc>.<domain>} with glue. */
  private static Answer apex(CatalogSnapshot snapshot, int qtype, DnsConfig config, Record soa) {
    Node self = snapshot.node(config.nodeName());
    Name server = self == null ? null : RecordMaker.nodeName(self.name(), config);
    List<Record> ns = new ArrayList<>();
    List<Record> glue = new ArrayList<>();
    if (server != null) {
      ns.add(new NSRecord(config.domainName(), DClass.IN, config.nodeTtl(), server));
      InetAddress ip = RecordMaker.ipLiteral(self.address());
      if (ip != null) glue.add(RecordMaker.ip(server, config.nodeTtl(), ip));
    }
    if (qtype == Type.SOA) return new Answer(Outcome.ANSWER, List.of(soa), ns, glue, false);
    if (qtype == Type.NS && !ns.isEmpty()) return new Answer(Outcome.ANSWER, ns, List.of(), glue, false);
    if (qtype == Type.ANY) {
      List<Record> answers = new ArrayList<>(List.of(soa));
      answers.addAll(ns);
      return new Answer(Outcome.ANSWER, answers, List.of(), glue, false);
    }
    return Answer.nodata(soa);
  }
}
