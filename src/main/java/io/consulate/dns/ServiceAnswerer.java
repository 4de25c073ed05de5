package io.consulate.dns;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.HealthStatus;
import io.consulate.catalog.Node;
import io.consulate.catalog.ServiceHealth;
import io.consulate.catalog.ServiceInstance;
import io.consulate.catalog.Weights;
import io.consulate.dns.DnsQuery.ServiceLookup;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Type;

/** Service lookups: address records or SRV records (with their targets' addresses) per healthy instance. */
final class ServiceAnswerer {
  private ServiceAnswerer() {}

  static Answer answer(CatalogSnapshot snapshot, ServiceLookup q, DnsConfig config, Record soa) {
    List<ServiceHealth> instances = new ArrayList<>();
    for (ServiceHealth h : snapshot.health(q.service())) {
      if (h.servableByDns(config.onlyPassing()) && (!q.hasTag() || h.service().hasTag(q.tag()))
          && config.canRead(h.service().name(), h.node().name())) {
        instances.add(h);
      }
    }
    return answer(instances, q.qname(), q.qtype(), config.ttlForService(q.service()), config, soa);
  }

  /** The records for instances already chosen (a service lookup's, or a prepared query's). */
  static Answer answer(List<ServiceHealth> instances, Name qname, int qtype, long ttl, DnsConfig config, Record soa) {
    if (instances.isEmpty()) return Answer.nxdomain(soa);
    Answer answer = qtype == Type.SRV ? srv(qname, instances, ttl, config) : addresses(qname, qtype, instances, ttl);
    return answer.answers().isEmpty() ? Answer.nodata(soa) : answer;
  }

  /** One A/AAAA per distinct address (TXT asks get them too, as in Consul); a CNAME only when there is no IP. */
  private static Answer addresses(Name qname, int qtype, List<ServiceHealth> instances, long ttl) {
    Set<Record> ips = new LinkedHashSet<>();
    Record cname = null;
    for (ServiceHealth h : instances) {
      Record r = RecordMaker.address(qname, ttl, h.service().effectiveAddress(h.node()));
      if (r == null || !(qtype == Type.TXT || Answerer.matches(r.getType(), qtype))) continue;
      if (r.getType() != Type.CNAME) ips.add(r);
      else if (cname == null) cname = r;
    }
    List<Record> answers = ips.isEmpty() && cname != null ? List.of(cname) : new ArrayList<>(ips);
    return new Answer(Outcome.ANSWER, answers, List.of(), List.of(), true);
  }

  /**
   * One SRV per distinct (node, address, port). The target is the node's name when the instance uses the node
   * address, {@code <hex>.addr} for another IP, the hostname itself otherwise; Additional holds the targets'
   * addresses and, for node targets, the node meta TXT records.
   */
  private static Answer srv(Name owner, List<ServiceHealth> instances, long ttl, DnsConfig config) {
    Set<String> seen = new HashSet<>();
    List<Record> answers = new ArrayList<>();
    Set<Record> additional = new LinkedHashSet<>();
    for (ServiceHealth h : instances) {
      ServiceInstance s = h.service();
      Node node = h.node();
      String address = s.effectiveAddress(node);
      if (!seen.add(node.name() + ":" + address + ":" + s.port())) continue;
      InetAddress ip = RecordMaker.ipLiteral(address);
      List<Record> extra = new ArrayList<>();
      Name target;
      if (address.equals(node.address())) {
        target = RecordMaker.nodeName(node.name(), config);
        Record r = target == null ? null : RecordMaker.address(target, ttl, address);
        if (r != null) extra.add(r);
        if (target != null && config.enableAdditionalNodeMetaTxt()) {
          extra.addAll(RecordMaker.nodeMeta(target, ttl, node.meta()));
        }
      } else if (ip != null) {
        target = RecordMaker.addrName(ip, config);
        extra.add(RecordMaker.ip(target, ttl, ip));
      } else {
        target = RecordMaker.hostName(address);
      }
      if (target == null) continue;
      answers.add(new SRVRecord(owner, DClass.IN, ttl, 1, weight(h), s.port(), target));
      additional.addAll(extra);
    }
    return new Answer(Outcome.ANSWER, answers, List.of(), new ArrayList<>(additional), true);
  }

  private static int weight(ServiceHealth h) {
    Weights w = h.service().weights() == null ? Weights.DEFAULT : h.service().weights();
    return h.status() == HealthStatus.WARNING ? w.warning() : w.passing();
  }
}
