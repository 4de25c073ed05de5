package io.consulate.dns;

import java.util.List;
import io.consulate.acl.Authorizer;
import java.util.Locale;
import java.util.Map;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Consul's {@code dns_config} plus the agent facts DNS needs. TTLs are in seconds.
 *
 * @param domain absolute and lower-case, e.g. {@code consul.}
 * @param serviceTtl keys are an exact service name, {@code prefix*}, or {@code *}
 * @param recursors {@code ip} or {@code ip:port} ({@code [v6]:port} for IPv6 with a port)
 */
/**
 * @param acl what the DNS token may read; null when ACLs are off
 */
public record DnsConfig(
    String domain,
    String datacenter,
    String nodeName,
    long nodeTtl,
    Map<String, Long> serviceTtl,
    boolean onlyPassing,
    int udpAnswerLimit,
    boolean enableTruncate,
    List<String> recursors,
    long recursorTimeoutMillis,
    int aRecordLimit,
    boolean enableAdditionalNodeMetaTxt,
    long soaRefresh,
    long soaRetry,
    long soaExpire,
    long soaMinTtl,
    Authorizer acl) {

  public DnsConfig {
    serviceTtl = Map.copyOf(serviceTtl);
    recursors = List.copyOf(recursors);
    if (!domain.endsWith(".") || !domain.equals(domain.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("DNS domain must be absolute and lower-case: " + domain);
    }
    domainName(domain);
  }

  /** Consul's defaults (agent/config/default.go): TTL 0, 3 UDP answers, no TC bit, 2 s recursor timeout. */
  public static DnsConfig defaults(String domain, String datacenter, String nodeName) {
    return new DnsConfig(domain, datacenter, nodeName, 0, Map.of(), false, 3, false, List.of(), 2000, 0, true,
        3600, 600, 86400, 0, null);
  }

  public Name domainName() {
    return domainName(domain);
  }

  /** The same settings answering for {@code dc}: its names ({@code n1.node.dc2.consul}) in SRV targets and the like. */
  public DnsConfig inDatacenter(String dc) {
    return new DnsConfig(domain, dc, nodeName, nodeTtl, serviceTtl, onlyPassing, udpAnswerLimit, enableTruncate,
        recursors, recursorTimeoutMillis, aRecordLimit, enableAdditionalNodeMetaTxt, soaRefresh, soaRetry, soaExpire,
        soaMinTtl, acl);
  }

  /**
   * The same settings answering with what {@code authorizer} (the agent's {@code dns} token) may read; null for
   * ACLs off. A new authorizer is a new config, so the answers cached for the old one are not served.
   */
  public DnsConfig withAcl(Authorizer authorizer) {
    return new DnsConfig(domain, datacenter, nodeName, nodeTtl, serviceTtl, onlyPassing, udpAnswerLimit,
        enableTruncate, recursors, recursorTimeoutMillis, aRecordLimit, enableAdditionalNodeMetaTxt, soaRefresh,
        soaRetry, soaExpire, soaMinTtl, authorizer);
  }

  /** Whether the DNS token may read the node (Consul's node:read filter on DNS answers). */
  public boolean canReadNode(String node) {
    return acl == null || acl.nodeRead(node);
  }

  /** Whether the DNS token may read this instance: service:read on its name and node:read on its node, as Consul. */
  public boolean canRead(String service, String node) {
    return acl == null || (acl.serviceRead(service) && acl.nodeRead(node));
  }

  /**
   * The TTL of a service's answers: an exact key wins, then the longest matching {@code prefix*} ({@code *} is
   * the empty prefix), else {@code nodeTtl} as Consul's v2 router does.
   */
  public long ttlForService(String service) {
    String name = service.toLowerCase(Locale.ROOT);
    Long best = null;
    int bestLength = -1;
    for (Map.Entry<String, Long> e : serviceTtl.entrySet()) {
      String key = e.getKey().toLowerCase(Locale.ROOT);
      if (key.equals(name)) return e.getValue();
      if (key.endsWith("*")) {
        String prefix = key.substring(0, key.length() - 1);
        if (name.startsWith(prefix) && prefix.length() > bestLength) {
          best = e.getValue();
          bestLength = prefix.length();
        }
      }
    }
    return best != null ? best : nodeTtl;
  }

  private static Name domainName(String domain) {
    try {
      return Name.fromString(domain);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("invalid DNS domain: " + domain, e);
    }
  }
}
