package io.consulate.dns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;

/** Pure constructors of Consul's names and records (Consul: agent/dns/dns_record_maker.go). */
final class RecordMaker {
  private static final int MAX_TXT_STRING = 255;

  private RecordMaker() {}

  /** {@code <node>.node.<dc>.<domain>}, or null when the node name is not a valid DNS name. */
  static Name nodeName(String node, DnsConfig config) {
    return name(node + ".node." + config.datacenter() + "." + config.domain());
  }

  /** {@code <svc>.service.<dc>.<domain>}, or null when the service name is not a valid DNS name. */
  static Name serviceName(String service, DnsConfig config) {
    return name(service + ".service." + config.datacenter() + "." + config.domain());
  }

  /** {@code <hex-ip>.addr.<dc>.<domain>}, e.g. {@code c000020a.addr.dc1.consul.}. */
  static Name addrName(InetAddress ip, DnsConfig config) {
    return name(HexFormat.of().formatHex(ip.getAddress()) + ".addr." + config.datacenter() + "." + config.domain());
  }

  /** The absolute form of a hostname, or null when it is not a valid DNS name. */
  static Name hostName(String host) {
    return name(host.endsWith(".") ? host : host + ".");
  }

  /** An IPv4 or IPv6 literal, parsed without any lookup; null for a hostname. */
  static InetAddress ipLiteral(String address) {
    byte[] bytes = Address.toByteArray(address, Address.IPv4);
    if (bytes == null) bytes = Address.toByteArray(address, Address.IPv6);
    if (bytes == null) return null;
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      return null; // unreachable: 4 or 16 bytes
    }
  }

  static Record ip(Name owner, long ttl, InetAddress ip) {
    return ip instanceof Inet4Address ? new ARecord(owner, DClass.IN, ttl, ip) : new AAAARecord(owner, DClass.IN, ttl, ip);
  }

  /** A or AAAA for an IP, CNAME for a hostname; null for an empty or invalid address. */
  static Record address(Name owner, long ttl, String address) {
    InetAddress ip = ipLiteral(address);
    if (ip != null) return ip(owner, ttl, ip);
    Name host = address.isEmpty() ? null : hostName(address);
    return host == null ? null : new CNAMERecord(owner, DClass.IN, ttl, host);
  }

  /** One TXT record per meta entry, sorted by key: RFC 1464 {@code key=value}, only the value for {@code rfc1035-} keys. */
  static List<Record> nodeMeta(Name owner, long ttl, Map<String, String> meta) {
    List<Record> records = new ArrayList<>();
    for (Map.Entry<String, String> e : new TreeMap<>(meta).entrySet()) {
      String text = e.getKey().toLowerCase(Locale.ROOT).startsWith("rfc1035-") ? e.getValue() : rfc1464(e.getKey(), e.getValue());
      records.add(new TXTRecord(owner, DClass.IN, ttl, chunks(text)));
    }
    return records;
  }

  static SOARecord soa(DnsConfig config, long serial) {
    Name domain = config.domainName();
    return new SOARecord(domain, DClass.IN, config.soaMinTtl(), name("ns." + config.domain()),
        name("hostmaster." + config.domain()), serial, config.soaRefresh(), config.soaRetry(), config.soaExpire(),
        config.soaMinTtl());
  }

  /** RFC 1464: backquote escapes {@code `} and {@code =} in the key, and its leading and trailing spaces. */
  static String rfc1464(String key, String value) {
    String k = key.replace("`", "``").replace("=", "`=");
    int lead = 0;
    while (lead < k.length() && k.charAt(lead) == ' ') lead++;
    int trail = 0;
    while (trail < k.length() - lead && k.charAt(k.length() - 1 - trail) == ' ') trail++;
    k = "` ".repeat(lead) + k.substring(lead, k.length() - trail) + "` ".repeat(trail);
    return k + "=" + value.replace("`", "``");
  }

  /** Splits text into character strings of at most 255 bytes, escaped for dnsjava's text parser. */
  private static List<String> chunks(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder chunk = new StringBuilder();
    int bytes = 0;
    for (int cp : text.codePoints().toArray()) {
      String s = new String(Character.toChars(cp));
      int size = s.getBytes(StandardCharsets.UTF_8).length;
      if (bytes + size > MAX_TXT_STRING) {
        out.add(chunk.toString());
        chunk.setLength(0);
        bytes = 0;
      }
      chunk.append(cp == '\\' ? "\\\\" : s);
      bytes += size;
    }
    out.add(chunk.toString());
    return out;
  }

  private static Name name(String text) {
    try {
      return Name.fromString(text);
    } catch (TextParseException e) {
      return null;
    }
  }
}
