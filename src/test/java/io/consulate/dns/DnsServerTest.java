package io.consulate.dns;

import io.consulate.cluster.Datacenters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import static io.consulate.dns.Fixtures.CONFIG;
import static io.consulate.dns.RenderTest.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.catalog.CatalogSnapshot;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.junit5.VertxExtension;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** End to end over real sockets on 127.0.0.1, port 0, with dnsjava as the client. */
@ExtendWith(VertxExtension.class)
class DnsServerTest {
  private final AtomicReference<DnsConfig> config = new AtomicReference<>(CONFIG);
  private DnsServer server;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    CatalogSnapshot catalog = Fixtures.catalog();
    server = await(DnsServer.start(vertx, () -> catalog, config::get, Datacenters.only("dc1", "no WAN"), null, "127.0.0.1", 0, 1, new SimpleMeterRegistry()));
  }

  @AfterEach
  void stop() throws Exception {
    await(server.close());
  }

  @Test
  void severalInstancesShareOnePortWithTheNativeTransport() throws Exception {
    Vertx nativeVertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    try {
      assertTrue(nativeVertx.isNativeTransportEnabled(), "epoll available: UDP shares the port with SO_REUSEPORT");
      DnsServer shared = await(DnsServer.start(nativeVertx, Fixtures::catalog, config::get, Datacenters.only("dc1", "no WAN"), null, "127.0.0.1", 0, 2,
          new SimpleMeterRegistry()));
      for (int i = 0; i < 4; i++) {
        assertEquals(Rcode.NOERROR, resolver(shared.udpPort(), false).send(query("n1.node.consul.", Type.A, 0))
            .getRcode());
        assertEquals(Rcode.NOERROR, resolver(shared.tcpPort(), true).send(query("n1.node.consul.", Type.A, 0))
            .getRcode());
      }
      await(shared.close());
    } finally {
      await(nativeVertx.close());
    }
  }

  /**
   * Bursts from several sockets at once arrive many per read (recvmmsg) and leave many per send (sendmmsg): every
   * query gets its own answer, at the socket that asked, first-time questions (dnsjava) mixed with cached ones.
   */
  @Test
  void burstsFromSeveralClientsAreEachAnsweredAtTheirSender() throws Exception {
    Vertx nativeVertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    List<String> names = List.of("web.service.consul.", "db.service.consul.", "n1.node.consul.", "nope.service.consul.");
    try {
      DnsServer shared = await(DnsServer.start(nativeVertx, Fixtures::catalog, config::get, Datacenters.only("dc1", "no WAN"), null, "127.0.0.1", 0, 1,
          new SimpleMeterRegistry()));
      InetSocketAddress to = new InetSocketAddress("127.0.0.1", shared.udpPort());
      List<java.net.DatagramSocket> clients = List.of(new java.net.DatagramSocket(), new java.net.DatagramSocket(),
          new java.net.DatagramSocket());
      try {
        int perClient = 60;
        for (int i = 0; i < perClient; i++) {
          for (int c = 0; c < clients.size(); c++) {
            Message q = query(names.get((i + c) % names.size()), Type.A, 0);
            q.getHeader().setID(c * 1000 + i);
            byte[] wire = q.toWire();
            clients.get(c).send(new DatagramPacket(wire, wire.length, to));
          }
        }
        for (int c = 0; c < clients.size(); c++) {
          java.net.DatagramSocket client = clients.get(c);
          client.setSoTimeout(5000);
          java.util.Set<Integer> ids = new java.util.HashSet<>();
          for (int i = 0; i < perClient; i++) {
            Message reply = receive(client);
            int id = reply.getHeader().getID();
            assertEquals(c, id / 1000, "a reply reaches the socket that asked");
            String name = names.get((id % 1000 + c) % names.size());
            assertEquals(name, reply.getQuestion().getName().toString(), "the answer is for that query's question");
            assertEquals(name.startsWith("nope") ? Rcode.NXDOMAIN : Rcode.NOERROR, reply.getRcode());
            ids.add(id);
          }
          assertEquals(perClient, ids.size(), "one reply per query");
        }
      } finally {
        clients.forEach(java.net.DatagramSocket::close);
        await(shared.close());
      }
    } finally {
      await(nativeVertx.close());
    }
  }

  @Test
  void srvWithAdditionalAddresses() throws Exception {
    Message reply = udp(query("web.service.consul.", Type.SRV, 0));
    assertEquals(Rcode.NOERROR, reply.getRcode());
    assertTrue(reply.getHeader().getFlag(Flags.AA), "authoritative");
    assertEquals(2, reply.getSection(Section.ANSWER).size());
    assertTrue(reply.findRecord(Fixtures.rr("n1.node.dc1.consul. 0 IN A 10.0.0.11"), Section.ADDITIONAL));
    assertTrue(reply.findRecord(Fixtures.rr("0a000102.addr.dc1.consul. 0 IN A 10.0.1.2"), Section.ADDITIONAL));
  }

  @Test
  void tagAndRfc2782Forms() throws Exception {
    assertEquals(List.of(Fixtures.rr("primary.web.service.consul. 0 IN A 10.0.0.11")),
        udp(query("primary.web.service.consul.", Type.A, 0)).getSection(Section.ANSWER));
    assertEquals(1, udp(query("_web._secondary.service.consul.", Type.SRV, 0)).getSection(Section.ANSWER).size());
    assertEquals(2, udp(query("_web._tcp.consul.", Type.SRV, 0)).getSection(Section.ANSWER).size());
  }

  @Test
  void nodeLookupOverTcp() throws Exception {
    assertEquals(List.of(Fixtures.rr("n1.node.consul. 0 IN A 10.0.0.11")),
        tcp(query("n1.node.consul.", Type.A, 0)).getSection(Section.ANSWER));
  }

  @Test
  void nxdomainCarriesSoa() throws Exception {
    Message reply = udp(query("nope.service.consul.", Type.A, 0));
    assertEquals(Rcode.NXDOMAIN, reply.getRcode());
    assertEquals(Type.SOA, reply.getSection(Section.AUTHORITY).get(0).getType());
  }

  @Test
  void nodataForAaaaOnIpv4Service() throws Exception {
    Message reply = udp(query("web.service.consul.", Type.AAAA, 0));
    assertEquals(Rcode.NOERROR, reply.getRcode());
    assertTrue(reply.getSection(Section.ANSWER).isEmpty());
    assertEquals(Type.SOA, reply.getSection(Section.AUTHORITY).get(0).getType());
  }

  @Test
  void plainUdpCapsAnswersEdnsAndTcpGetThemAll() throws Exception {
    Message plain = udp(query("big.service.consul.", Type.SRV, 0));
    assertEquals(3, plain.getSection(Section.ANSWER).size());
    assertFalse(plain.getHeader().getFlag(Flags.TC), "Consul's default: trimmed without TC");
    Message edns = udp(query("big.service.consul.", Type.SRV, 4096));
    assertEquals(20, edns.getSection(Section.ANSWER).size());
    assertEquals(4096, edns.getOPT().getPayloadSize());
    assertEquals(20, tcp(query("big.service.consul.", Type.SRV, 0)).getSection(Section.ANSWER).size());
  }

  @Test
  void refusesOutsideTheDomainWithoutRecursors() throws Exception {
    Message reply = udp(query("example.com.", Type.A, 0));
    assertEquals(Rcode.REFUSED, reply.getRcode());
    assertFalse(reply.getHeader().getFlag(Flags.RA));
  }

  @Test
  void forwardsToARecursor(Vertx vertx) throws Exception {
    DatagramSocket recursor = vertx.createDatagramSocket();
    recursor.handler(packet -> {
      try {
        Message q = new Message(packet.data().getBytes());
        Message r = new Message(q.getHeader().getID());
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setFlag(Flags.RA);
        r.addRecord(q.getQuestion(), Section.QUESTION);
        r.addRecord(new ARecord(q.getQuestion().getName(), DClass.IN, 60, InetAddress.getByName("192.0.2.99")),
            Section.ANSWER);
        recursor.send(Buffer.buffer(r.toWire()), packet.sender().port(), packet.sender().host());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    await(recursor.listen(0, "127.0.0.1"));
    config.set(withRecursors(List.of("127.0.0.1:" + recursor.localAddress().port())));
    Message reply = udp(query("example.com.", Type.A, 0));
    assertEquals(Rcode.NOERROR, reply.getRcode());
    assertEquals(List.of(Fixtures.rr("example.com. 60 IN A 192.0.2.99")), reply.getSection(Section.ANSWER));
    await(recursor.close());
  }

  @Test
  void servfailWhenTheRecursorIsDead() throws Exception {
    int deadPort;
    try (java.net.DatagramSocket s = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      deadPort = s.getLocalPort();
    }
    config.set(withRecursors(List.of("127.0.0.1:" + deadPort)));
    Message reply = udp(query("example.com.", Type.A, 0));
    assertEquals(Rcode.SERVFAIL, reply.getRcode());
    assertTrue(reply.getHeader().getFlag(Flags.RA), "RA with recursors configured");
  }

  @Test
  void malformedUdpPacketsAreDroppedOrRefusedAndTheServerKeepsAnswering() throws Exception {
    try (java.net.DatagramSocket client = new java.net.DatagramSocket()) {
      client.setSoTimeout(5000);
      InetSocketAddress to = new InetSocketAddress("127.0.0.1", server.udpPort());
      client.send(new DatagramPacket(new byte[] {1, 2, 3, 4, 5}, 5, to)); // shorter than a header: dropped
      byte[] header = {0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07, 'b', 'r'};
      client.send(new DatagramPacket(header, header.length, to)); // one question announced, garbage follows
      Message formerr = receive(client);
      assertEquals(0x1234, formerr.getHeader().getID(), "the first reply is for the second packet: the first dropped");
      assertEquals(Rcode.FORMERR, formerr.getRcode());

      Message two = query("web.service.consul.", Type.A, 0);
      two.addRecord(Record.newRecord(Fixtures.name("db.service.consul."), Type.A, DClass.IN), Section.QUESTION);
      assertEquals(Rcode.FORMERR, exchange(client, to, two).getRcode(), "two questions");
      Message status = query("web.service.consul.", Type.A, 0);
      status.getHeader().setOpcode(Opcode.STATUS);
      assertEquals(Rcode.NOTIMP, exchange(client, to, status).getRcode(), "opcode STATUS");
      assertEquals(Rcode.NOERROR, exchange(client, to, query("web.service.consul.", Type.A, 0)).getRcode());
    }
  }

  @Test
  void tcpAnswersSeveralQueriesPerConnectionAndClosesOnGarbage() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.tcpPort())) {
      socket.setSoTimeout(5000);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      DataInputStream in = new DataInputStream(socket.getInputStream());
      for (String name : List.of("n1.node.consul.", "web.service.consul.")) {
        byte[] wire = query(name, Type.A, 0).toWire();
        out.writeShort(wire.length);
        out.write(wire);
      }
      out.flush();
      for (int i = 0; i < 2; i++) {
        byte[] reply = new byte[in.readUnsignedShort()];
        in.readFully(reply);
        assertEquals(Rcode.NOERROR, new Message(reply).getRcode());
      }
      out.write(new byte[] {0, 3, 'b', 'a', 'd'});
      out.flush();
      assertEquals(-1, in.read(), "a frame too short for a DNS header closes the connection");
    }
    assertEquals(Rcode.NOERROR, tcp(query("web.service.consul.", Type.A, 0)).getRcode(), "still serving");
  }

  private Message udp(Message query) throws Exception {
    return resolver(server.udpPort(), false).send(query);
  }

  private Message tcp(Message query) throws Exception {
    return resolver(server.tcpPort(), true).send(query);
  }

  private static SimpleResolver resolver(int port, boolean tcp) {
    SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", port));
    resolver.setEDNS(-1, 0, 0, List.of()); // the query says itself whether it uses EDNS
    resolver.setIgnoreTruncation(true);
    resolver.setTCP(tcp);
    resolver.setTimeout(Duration.ofSeconds(5));
    return resolver;
  }

  private static Message exchange(java.net.DatagramSocket client, InetSocketAddress to, Message query)
      throws Exception {
    byte[] wire = query.toWire();
    client.send(new DatagramPacket(wire, wire.length, to));
    Message reply = receive(client);
    assertEquals(query.getHeader().getID(), reply.getHeader().getID());
    return reply;
  }

  private static Message receive(java.net.DatagramSocket client) throws Exception {
    DatagramPacket packet = new DatagramPacket(new byte[65535], 65535);
    client.receive(packet);
    return new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
  }

  private static DnsConfig withRecursors(List<String> recursors) {
    DnsConfig d = CONFIG;
    return new DnsConfig(d.domain(), d.datacenter(), d.nodeName(), d.nodeTtl(), d.serviceTtl(), d.onlyPassing(),
        d.udpAnswerLimit(), d.enableTruncate(), recursors, 500, d.aRecordLimit(),
        d.enableAdditionalNodeMetaTxt(), d.soaRefresh(), d.soaRetry(), d.soaExpire(), d.soaMinTtl(), null);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
