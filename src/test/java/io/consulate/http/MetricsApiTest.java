package io.consulate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.agent.Agent;
import io.consulate.agent.TestAgent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /v1/agent/metrics}: what a DNS question, an API call and a write leave in Consul's JSON and in Prometheus'. */
class MetricsApiTest {
  private static Agent agent;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    agent = TestAgent.startDev();
    api = new ApiClient(agent.httpPort());
    api.put("/v1/agent/service/register", "{\"Name\":\"web\",\"Port\":80,\"Address\":\"10.0.0.1\"}");
    TestAgent.dnsA(agent, "web.service.consul.");
    TestAgent.dnsA(agent, "web.service.consul.");
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
    TestAgent.stop(agent);
  }

  private static JsonObject sample(JsonArray samples, String name, String label, String value) {
    return samples.stream().map(o -> (JsonObject) o)
        .filter(s -> s.getString("Name").equals(name) && value.equals(s.getJsonObject("Labels").getString(label)))
        .findFirst().orElseThrow(() -> new AssertionError("no " + name + " with " + label + "=" + value + " in " + samples));
  }

  @Test
  void consulsJsonCarriesDnsHttpAndStoreMeters() throws Exception {
    HttpResponse<Buffer> res = api.get("/v1/agent/metrics");
    assertEquals(200, res.statusCode());
    JsonObject body = res.bodyAsJsonObject();
    assertEquals(java.util.Set.of("Timestamp", "Gauges", "Points", "Counters", "Samples"), body.fieldNames());
    assertTrue(body.getString("Timestamp").endsWith(" +0000 UTC"), body.getString("Timestamp"));
    JsonArray samples = body.getJsonArray("Samples");
    JsonObject dns = sample(samples, "consul.dns.query", "type", "A");
    assertEquals("NOERROR", dns.getJsonObject("Labels").getString("rcode"));
    assertEquals(2, dns.getLong("Count"));
    assertTrue(dns.getDouble("Mean") > 0 && dns.getDouble("Max") >= dns.getDouble("Mean"), dns.encode());
    JsonObject register = sample(samples, "consul.http.request", "route", "/v1/agent/service/register");
    assertEquals("200", register.getJsonObject("Labels").getString("status"));
    assertEquals(1, register.getLong("Count"));
    assertTrue(sample(samples, "consul.store.write", "outcome", "done").getLong("Count") >= 1);
    assertTrue(body.getJsonArray("Gauges").stream().anyMatch(g -> ((JsonObject) g).getString("Name").equals("jvm.memory.used")));
  }

  @Test
  void malformedPacketsAreCountedNotLogged() throws Exception {
    try (java.net.DatagramSocket socket = new java.net.DatagramSocket()) {
      socket.setSoTimeout(2000);
      java.net.InetSocketAddress dns = new java.net.InetSocketAddress("127.0.0.1", agent.dnsUdpPort());
      socket.send(new java.net.DatagramPacket(new byte[] {0x12}, 1, dns));
      byte[] noQuestion = {0x12, 0x34, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0};
      socket.send(new java.net.DatagramPacket(noQuestion, noQuestion.length, dns));
      java.net.DatagramPacket reply = new java.net.DatagramPacket(new byte[512], 512);
      socket.receive(reply);
      assertEquals(1, reply.getData()[3] & 0x0F, "FORMERR");
    }
    TestAgent.awaitTrue(() -> {
      JsonObject body = api.get("/v1/agent/metrics").bodyAsJsonObject();
      JsonObject dropped = body.getJsonArray("Counters").stream().map(o -> (JsonObject) o)
          .filter(c -> c.getString("Name").equals("consul.dns.dropped")).findFirst().orElseThrow();
      return dropped.getLong("Count") == 1
          && sample(body.getJsonArray("Samples"), "consul.dns.query", "rcode", "FORMERR").getLong("Count") == 1;
    });
  }

  @Test
  void probesAreTimedByTypeAndStatus() throws Exception {
    api.put("/v1/agent/check/register", "{\"Name\":\"self\",\"HTTP\":\"http://127.0.0.1:" + agent.httpPort()
        + "/v1/status/leader\",\"Interval\":\"1s\"}");
    TestAgent.awaitTrue(() -> api.get("/v1/agent/metrics").bodyAsJsonObject().getJsonArray("Samples").stream()
        .map(o -> (JsonObject) o).anyMatch(m -> m.getString("Name").equals("consul.check.probe")
            && "http".equals(m.getJsonObject("Labels").getString("type"))
            && "passing".equals(m.getJsonObject("Labels").getString("status"))));
  }

  @Test
  void prometheusTextFormatOnAsk() throws Exception {
    HttpResponse<Buffer> res = api.get("/v1/agent/metrics?format=prometheus");
    assertEquals(200, res.statusCode());
    assertEquals("text/plain; version=0.0.4; charset=utf-8", res.getHeader("Content-Type"));
    assertTrue(res.bodyAsString().contains("consul_dns_query_seconds_count{rcode=\"NOERROR\",type=\"A\"} 2"),
        res.bodyAsString());
    assertTrue(res.bodyAsString().contains("# TYPE consul_http_request_seconds histogram")
        || res.bodyAsString().contains("# TYPE consul_http_request_seconds summary"));
  }
}
