package io.consulate.dns;

import io.consulate.dns.DnsQuery.AddrLookup;
import io.consulate.dns.DnsQuery.DomainApex;
import io.consulate.dns.DnsQuery.Invalid;
import io.consulate.dns.DnsQuery.NodeLookup;
import io.consulate.dns.DnsQuery.Outside;
import io.consulate.dns.DnsQuery.PtrLookup;
import io.consulate.dns.DnsQuery.ServiceLookup;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Turns a question name into a {@link DnsQuery}, reading labels right to left for the first kind label as
 * Consul's {@code dispatch} does (agent/dns.go). Pure: no catalog, no I/O.
 */
public final class QueryParser {
  private static final Name IN_ADDR_ARPA = Name.fromConstantString("in-addr.arpa.");
  private static final Name IP6_ARPA = Name.fromConstantString("ip6.arpa.");
  private static final List<String> KINDS = List.of("service", "node", "addr", "query", "connect", "ingress", "virtual");

  private QueryParser() {}

  public static DnsQuery parse(Name qname, int qtype, DnsConfig config) {
    Name domain = config.domainName();
    if (!qname.subdomain(domain)) return reverseOrOutside(qname, qtype);
    if (qname.equals(domain)) return new DomainApex(qname, qtype);
    List<String> labels = labels(qname, qname.labels() - domain.labels());
    for (int i = labels.size() - 1; i >= 0; i--) {
      String label = labels.get(i).toLowerCase(Locale.ROOT);
      if (KINDS.contains(label)) {
        return byKind(qname, qtype, label, labels.subList(0, i), labels.subList(i + 1, labels.size()), config);
      }
      if (qtype == Type.SRV && label.startsWith("_")) { // RFC 2782 without the "service" label
        return byKind(qname, qtype, "service", labels.subList(0, i + 1), labels.subList(i + 1, labels.size()), config);
      }
    }
    return new Invalid(qname, qtype);
  }

  private static DnsQuery byKind(Name qname, int qtype, String kind, List<String> parts, List<String> suffixes,
      DnsConfig config) {
    String dc = datacenter(suffixes, config.datacenter());
    if (parts.isEmpty() || dc == null) return new Invalid(qname, qtype);
    boolean ours = dc.equals(config.datacenter());
    switch (kind) {
      case "service":
        DnsQuery service = service(qname, qtype, parts);
        return ours ? service : new DnsQuery.Remote(qname, qtype, dc, service);
      case "node":
        DnsQuery node = new NodeLookup(qname, qtype, String.join(".", parts));
        return ours ? node : new DnsQuery.Remote(qname, qtype, dc, node);
      case "addr": // the address is in the name: answered here whatever the datacenter
        InetAddress address = parts.size() == 1 ? fromHex(parts.get(0)) : null;
        return address == null ? new Invalid(qname, qtype) : new AddrLookup(qname, qtype, address);
      case "query": // another datacenter's query runs there, as in Consul
        String in = ours ? null : dc;
        if (parts.size() == 2 && parts.get(0).startsWith("_") && parts.get(1).startsWith("_")) {
          return new DnsQuery.PreparedQueryLookup(qname, qtype, parts.get(0).substring(1), in);
        }
        return new DnsQuery.PreparedQueryLookup(qname, qtype, String.join(".", parts), in);
      default: // connect, ingress and virtual lookups are not served
        return new Invalid(qname, qtype);
    }
  }

  private static DnsQuery service(Name qname, int qtype, List<String> parts) {
    int n = parts.size();
    if (n == 2 && parts.get(0).startsWith("_") && parts.get(1).startsWith("_")) {
      String tag = parts.get(1).substring(1);
      if (tag.equalsIgnoreCase("tcp")) tag = "";
      return new ServiceLookup(qname, qtype, parts.get(0).substring(1), tag, true);
    }
    return new ServiceLookup(qname, qtype, parts.get(n - 1), String.join(".", parts.subList(0, n - 1)), false);
  }

  /**
   * The datacenter named: no suffix means ours; otherwise {@code <dc>} or {@code <dc>.dc}, lower-cased (ours
   * exactly as configured). Null for anything else.
   */
  private static String datacenter(List<String> suffixes, String ours) {
    if (suffixes.isEmpty()) return ours;
    if (suffixes.size() > 2 || (suffixes.size() == 2 && !suffixes.get(1).equalsIgnoreCase("dc"))) return null;
    String dc = suffixes.get(0).toLowerCase(Locale.ROOT);
    return dc.equalsIgnoreCase(ours) ? ours : dc;
  }

  private static DnsQuery reverseOrOutside(Name qname, int qtype) {
    if (qtype == Type.PTR || qtype == Type.ANY) {
      InetAddress address = null;
      if (qname.subdomain(IN_ADDR_ARPA)) address = reverse(labels(qname, qname.labels() - IN_ADDR_ARPA.labels()), 4);
      if (qname.subdomain(IP6_ARPA)) address = reverse(labels(qname, qname.labels() - IP6_ARPA.labels()), 32);
      if (address != null) return new PtrLookup(qname, qtype, address);
    }
    return new Outside(qname, qtype);
  }

  /** In-addr labels are decimal octets, ip6 labels hex nibbles; both least significant first. */
  private static InetAddress reverse(List<String> labels, int expected) {
    if (labels.size() != expected) return null;
    StringBuilder hex = new StringBuilder();
    for (int i = labels.size() - 1; i >= 0; i--) {
      String label = labels.get(i);
      if (expected == 32) {
        hex.append(label);
      } else {
        if (!label.matches("[0-9]{1,3}") || Integer.parseInt(label) > 255) return null;
        hex.append(String.format("%02x", Integer.parseInt(label)));
      }
    }
    return fromHex(hex.toString());
  }

  private static InetAddress fromHex(String hex) {
    if ((hex.length() != 8 && hex.length() != 32) || !hex.matches("[0-9a-fA-F]+")) return null;
    try {
      return InetAddress.getByAddress(HexFormat.of().parseHex(hex));
    } catch (UnknownHostException e) {
      return null; // unreachable: the length is 4 or 16 bytes
    }
  }

  private static List<String> labels(Name name, int count) {
    List<String> labels = new ArrayList<>(count);
    for (int i = 0; i < count; i++) labels.add(name.getLabelString(i));
    return labels;
  }
}
