package io.consulate.dns;

import java.net.InetAddress;
import org.xbill.DNS.Name;

/** What a question asks for, once its name is understood. Every variant keeps the question as asked. */
public sealed interface DnsQuery {
  Name qname();

  int qtype();

  /** {@code [tag.]svc.service}, or RFC 2782 {@code _svc._tag.service} ({@code _tcp} means no tag). */
  record ServiceLookup(Name qname, int qtype, String service, String tag, boolean rfc2782) implements DnsQuery {
    public boolean hasTag() {
      return !tag.isEmpty();
    }
  }

  /** {@code node.node}; dots in the node name are allowed. */
  record NodeLookup(Name qname, int qtype, String node) implements DnsQuery {}

  /** {@code <hex-ip>.addr}: 8 hex digits for IPv4, 32 for IPv6. */
  record AddrLookup(Name qname, int qtype, InetAddress address) implements DnsQuery {}

  /** A reverse name under {@code in-addr.arpa} or {@code ip6.arpa}. */
  record PtrLookup(Name qname, int qtype, InetAddress address) implements DnsQuery {}

  /** The domain itself: SOA, NS and ANY are answered there. */
  record DomainApex(Name qname, int qtype) implements DnsQuery {}

  /** A name outside the domain: for the recursors. */
  record Outside(Name qname, int qtype) implements DnsQuery {}

  /**
   * A service or node of another datacenter ({@code web.service.dc2.consul}): {@code local} is the same question
   * as that datacenter would parse it, answered from its entries ({@link RemoteCatalogs}).
   */
  record Remote(Name qname, int qtype, String datacenter, DnsQuery local) implements DnsQuery {
    RemoteCatalogs.Key key() {
      if (local instanceof ServiceLookup s) return new RemoteCatalogs.Key(datacenter, "service", s.service());
      return new RemoteCatalogs.Key(datacenter, "node", ((NodeLookup) local).node());
    }
  }

  /**
   * {@code <query>.query[.<dc>]}, or RFC 2782 {@code _<query>._tcp.query[.<dc>]}: a prepared query by name or ID, run
   * in {@code datacenter} (null: this one).
   */
  record PreparedQueryLookup(Name qname, int qtype, String name, String datacenter) implements DnsQuery {}

  /** Inside the domain but no valid form: NXDOMAIN. */
  record Invalid(Name qname, int qtype) implements DnsQuery {}
}
