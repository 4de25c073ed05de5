package io.consulate.dns;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.CheckDefinition;
import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.HealthStatus;
import io.consulate.catalog.Node;
import io.consulate.catalog.ServiceInstance;
import io.consulate.catalog.Weights;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** Catalog entries and zone-file records for the DNS tests. */
final class Fixtures {
  static final DnsConfig CONFIG = DnsConfig.defaults("consul.", "dc1", "agent-one");

  private Fixtures() {}

  static Node node(String name, String address, Map<String, String> meta) {
    return new Node(name, name + "-id", address, "dc1", Map.of(), meta, 1, 1);
  }

  static ServiceInstance service(String node, String id, String name, String address, int port, Weights weights,
      String... tags) {
    return new ServiceInstance(node, id, name, List.of(tags), address, port, Map.of(), weights, false, 1, 1);
  }

  static HealthCheck check(String node, String checkId, String serviceId, HealthStatus status) {
    return new HealthCheck(node, checkId, checkId, status, "", "", serviceId, "", List.of(), "ttl",
        CheckDefinition.NONE, 1, 1);
  }

  /**
   * agent-one (this agent), n1 (meta rack=r1), n2, n3 (serfHealth critical), n6 (IPv6). web on n1 (node address,
   * tag primary, weight 10), n2 (own IP, tag secondary, warning, weights 5/3) and n3; db on n2 with a hostname;
   * v6 on n6; web2 twice on n1 on the same port; down only on n3; big on node-1..node-20 (10.0.2.x).
   */
  static CatalogSnapshot catalog() {
    List<Node> nodes = new ArrayList<>(List.of(node("agent-one", "10.0.0.1", Map.of()), node("n1", "10.0.0.11", Map.of("rack", "r1")),
        node("n2", "10.0.0.12", Map.of()), node("n3", "10.0.0.13", Map.of()), node("n6", "2001:db8::6", Map.of())));
    List<ServiceInstance> services = new ArrayList<>(List.of(
        service("n1", "web-1", "web", "", 80, new Weights(10, 1), "primary"),
        service("n2", "web-2", "web", "10.0.1.2", 81, new Weights(5, 3), "secondary"),
        service("n3", "web-3", "web", "", 82, Weights.DEFAULT),
        service("n2", "db-1", "db", "db.example.com", 5432, Weights.DEFAULT),
        service("n6", "v6-1", "v6", "", 9, Weights.DEFAULT),
        service("n1", "web2-a", "web2", "", 90, Weights.DEFAULT),
        service("n1", "web2-b", "web2", "", 90, Weights.DEFAULT),
        service("n3", "down-1", "down", "", 1, Weights.DEFAULT)));
    for (int i = 1; i <= 20; i++) {
      nodes.add(node("node-" + i, "10.0.2." + i, Map.of()));
      services.add(service("node-" + i, "big-" + i, "big", "", 8000 + i, Weights.DEFAULT));
    }
    List<HealthCheck> checks = List.of(check("n3", HealthCheck.SERF_HEALTH, "", HealthStatus.CRITICAL),
        check("n2", "web-2-check", "web-2", HealthStatus.WARNING));
    return CatalogSnapshot.build(nodes, services, checks, Map.of("x", 5L));
  }

  /** One record in zone-file syntax: {@code owner ttl class type rdata}. */
  static Record rr(String line) {
    String[] f = line.trim().split("\\s+", 5);
    try {
      return Record.fromString(Name.fromString(f[0]), Type.value(f[3]), DClass.value(f[2]), Long.parseLong(f[1]), f[4],
          Name.root);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(line, e);
    }
  }

  static Name name(String text) {
    try {
      return Name.fromString(text);
    } catch (TextParseException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
