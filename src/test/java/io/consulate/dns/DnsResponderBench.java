package io.consulate.dns;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.Node;
import io.consulate.catalog.ServiceInstance;
import io.consulate.catalog.Weights;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The DNS responder from request bytes to reply bytes (parse, answer, encode) on the benchmark's catalog:
 * 1,000 services x 3 instances with their own addresses. {@code cached*} go through {@link Responder} and hit the
 * answer cache; {@code dnsjava*} run the uncached path (dnsjava parse, Answerer, Render) the cache replaces.
 * Run with scripts/bench/jmh.sh (adds {@code -prof gc} for allocation per operation). {@code acl=on} answers with a
 * DNS token's compiled rules (read on every service and node, so the answers are the same): what ACLs cost DNS.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DnsResponderBench {
  private static final int SERVICES = 1000;
  private static final int INSTANCES = 3;

  @Param({"off", "on"})
  public String acl;

  private DnsConfig config = DnsConfig.defaults("consul.", "dc1", "bench");
  private final Answerer answerer = new Answerer(Clock.systemUTC());
  private CatalogSnapshot catalog;
  private Responder responder;
  private byte[] srv;
  private byte[] a;
  private byte[] tagSrv;
  private byte[] unknown;

  @Setup
  public void setUp() {
    if (acl.equals("on")) {
      config = config.withAcl(io.consulate.acl.Authorizers.compile(List.of(io.consulate.acl.PolicyRules.parse(
          "service_prefix \"\" { policy = \"read\" }\nnode_prefix \"\" { policy = \"read\" }")),
          io.consulate.acl.Authorizers.denyAll()));
    }
    List<Node> nodes = List.of(Fixtures.node("bench", "127.0.0.1", Map.of()));
    List<ServiceInstance> services = new ArrayList<>();
    int serial = 0;
    for (int s = 1; s <= SERVICES; s++) {
      for (int i = 1; i <= INSTANCES; i++) {
        serial++;
        String ip = "10." + (serial >> 16 & 255) + "." + (serial >> 8 & 255) + "." + (serial & 255);
        services.add(Fixtures.service("bench", "svc" + s + "-" + i, "svc" + s, ip, 20000 + i, Weights.DEFAULT,
            "t" + i));
      }
    }
    catalog = CatalogSnapshot.build(nodes, services, List.of(), Map.of());
    responder = new Responder(() -> catalog, () -> config, answerer, null, new AnswerCache(), null);
    srv = RenderTest.query("svc500.service.consul.", Type.SRV, 0).toWire();
    a = RenderTest.query("svc500.service.consul.", Type.A, 0).toWire();
    tagSrv = RenderTest.query("_svc500._t2.service.consul.", Type.SRV, 0).toWire();
    unknown = RenderTest.query("nosvc500.service.consul.", Type.A, 0).toWire();
  }

  @Benchmark
  public byte[] cachedSrv() {
    return responder.respond(srv, Transport.UDP).result();
  }

  @Benchmark
  public byte[] cachedA() {
    return responder.respond(a, Transport.UDP).result();
  }

  @Benchmark
  public byte[] cachedTagSrv() {
    return responder.respond(tagSrv, Transport.UDP).result();
  }

  @Benchmark
  public byte[] cachedNxdomain() {
    return responder.respond(unknown, Transport.UDP).result();
  }

  @Benchmark
  public byte[] dnsjavaSrv() throws IOException {
    return uncached(srv);
  }

  @Benchmark
  public byte[] dnsjavaA() throws IOException {
    return uncached(a);
  }

  private byte[] uncached(byte[] packet) throws IOException {
    Message request = new Message(packet);
    Record q = request.getQuestion();
    Answer answer = answerer.answer(catalog, QueryParser.parse(q.getName(), q.getType(), config), config);
    return Render.toWire(request, answer, config, Transport.UDP);
  }
}
