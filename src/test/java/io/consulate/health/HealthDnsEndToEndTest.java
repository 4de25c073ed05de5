package io.consulate.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.consulate.agent.Agent;
import io.consulate.agent.TestAgent;
import io.consulate.http.ApiClient;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** A real agent, a real TCP backend, a real DNS client: the instance follows its backend in and out of DNS. */
class HealthDnsEndToEndTest {
  private Agent agent;
  private ApiClient api;
  private Vertx vertx;
  private SimpleResolver resolver;

  @BeforeEach
  void start() throws Exception {
    agent = TestAgent.startDev();
    api = new ApiClient(agent.httpPort());
    vertx = Vertx.vertx();
    resolver = new SimpleResolver("127.0.0.1");
    resolver.setPort(agent.dnsUdpPort());
    resolver.setTimeout(Duration.ofSeconds(2));
  }

  @AfterEach
  void stop() throws Exception {
    api.close();
    vertx.close();
    TestAgent.stop(agent);
  }

  private int srvStatus() throws Exception {
    Message q = Message.newQuery(Record.newRecord(Name.fromString("backend.service.consul."), Type.SRV, DClass.IN));
    Message r = resolver.send(q);
    return r.getRcode() == Rcode.NOERROR ? r.getSection(Section.ANSWER).size() : -r.getRcode();
  }

  private static void eventually(String what, int expected, IntSupplier actual) throws InterruptedException {
    int last = actual.getAsInt();
    for (int i = 0; i < 100 && last != expected; i++) {
      Thread.sleep(100);
      last = actual.getAsInt();
    }
    assertEquals(expected, last, what);
  }

  private IntSupplier srv() {
    return () -> {
      try {
        return srvStatus();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
  }

  @Test
  void aFailingBackendLeavesDnsAndComesBack() throws Exception {
    NetServer backend = vertx.createNetServer().connectHandler(s -> s.close()).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    int port = backend.actualPort();
    api.put("/v1/agent/service/register", "{\"Name\":\"backend\",\"Port\":" + port
        + ",\"Check\":{\"TCP\":\"127.0.0.1:" + port + "\",\"Interval\":\"200ms\",\"Timeout\":\"200ms\"}}");
    assertEquals(-Rcode.NXDOMAIN, srvStatus(), "checks start critical");
    eventually("in DNS once the TCP check passes", 1, srv());

    backend.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    eventually("out of DNS once the backend is gone", -Rcode.NXDOMAIN, srv());

    vertx.createNetServer().connectHandler(s -> s.close()).listen(port, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    eventually("back in DNS when the backend returns", 1, srv());
  }
}
