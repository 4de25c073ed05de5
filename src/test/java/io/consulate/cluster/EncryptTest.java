package io.consulate.cluster;

import static io.consulate.agent.TestAgent.awaitTrue;
import static io.consulate.agent.TestAgent.dnsA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.agent.Agent;
import io.consulate.agent.TestAgent;
import io.consulate.http.ApiClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real agents in one JVM with {@code encrypt} keys: two servers and a client holding the same key form a cluster
 * and replicate a registration; a server or client with another key, or with none, is refused, and both the
 * refusing member and the refused node log one line saying so.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EncryptTest {
  static final String KEY = "pUqJrVyVRj5jsiYEkM/tFQ==";
  static final String OTHER_KEY = "6nEhl7Ymw/6vDsVjVxEuRmOnQcgrQ+HhqpGX5HuqHms=";
  @TempDir
  static Path data;
  static final List<Agent> agents = new ArrayList<>();
  static final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
  static final Logger CLUSTER_LOG = Logger.getLogger("io.consulate.cluster");
  static final Handler CAPTURE = new Handler() {
    @Override
    public void publish(LogRecord r) {
      lines.add(r.getMessage());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeAll
  static void formCluster() throws Exception {
    CLUSTER_LOG.addHandler(CAPTURE);
    Agent first = TestAgent.startServerForClients("e1", data.resolve("e1"), KEY);
    agents.add(first);
    agents.add(TestAgent.startClustered("e2", data.resolve("e2"), first.serfLanPort(), KEY));
  }

  @AfterAll
  static void stop() throws Exception {
    CLUSTER_LOG.removeHandler(CAPTURE);
    for (Agent a : agents) TestAgent.stop(a);
  }

  @Test
  @Order(1)
  void serversWithTheSameKeyFormOneClusterAndReplicate() throws Exception {
    try (ApiClient e1 = new ApiClient(agents.get(0).httpPort()); ApiClient e2 = new ApiClient(agents.get(1).httpPort())) {
      awaitTrue(() -> e2.get("/v1/status/peers").bodyAsJsonArray().size() == 2);
      assertEquals(200, e1.put("/v1/agent/service/register",
          "{\"ID\":\"sealed-1\",\"Name\":\"sealed\",\"Address\":\"127.0.0.61\",\"Port\":9001}").statusCode());
      awaitTrue(() -> dnsA(agents.get(1), "sealed.service.consul.").equals(List.of("127.0.0.61")));
      assertTrue(!e1.get("/v1/agent/self").bodyAsString().contains(KEY), "the key is not in /v1/agent/self");
    }
  }

  @Test
  @Order(2)
  void aServerWithAnotherKeyIsRefusedAndBothSidesSaySo() throws Exception {
    refusedServer("e3", OTHER_KEY);
  }

  @Test
  @Order(3)
  void aServerWithNoKeyIsRefusedAndBothSidesSaySo() throws Exception {
    refusedServer("e4", null);
  }

  private void refusedServer(String node, String key) throws Exception {
    int port = agents.get(0).serfLanPort();
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> agents.add(TestAgent.startClustered(node, data.resolve(node), port, key)));
    assertEquals("cannot join the cluster at 127.0.0.1:" + port + ": refused (wrong or missing encrypt key)",
        e.getCause().getMessage());
    awaitTrue(() -> logged("refused a join from " + node + " ", ": wrong or missing encrypt key"));
    if (key != null) awaitTrue(() -> logged("cannot join the cluster at e1 ", ": refused (wrong or missing encrypt key)"));
    try (ApiClient e1 = new ApiClient(agents.get(0).httpPort())) {
      assertEquals(2, e1.get("/v1/agent/members").bodyAsJsonArray().size(), "still two members");
    }
  }

  @Test
  @Order(4)
  void aClientWithTheKeyLinksAndSeesTheRegistration() throws Exception {
    Agent client = TestAgent.startClient("ec1", data.resolve("ec1"), agents.get(0).serfLanPort(), KEY);
    agents.add(client);
    awaitTrue(() -> dnsA(client, "sealed.service.consul.").equals(List.of("127.0.0.61")));
  }

  @Test
  @Order(5)
  void aClientWithAnotherKeyOrNoneCannotLink() throws Exception {
    int port = agents.get(0).serfLanPort();
    Agent wrong = TestAgent.startClientUnlinked("ec2", data.resolve("ec2"), port, OTHER_KEY);
    agents.add(wrong);
    awaitTrue(() -> logged("cannot link to server 127.0.0.1:" + port + ": refused (wrong or missing encrypt key)", ""));
    awaitTrue(() -> logged("refused a client link on 127.0.0.1:", ": wrong or missing encrypt key ("));
    Agent none = TestAgent.startClientUnlinked("ec3", data.resolve("ec3"), port, null);
    agents.add(none);
    awaitTrue(() -> logged("cannot link to server 127.0.0.1:" + port + ": it closed the link unanswered", ""));
    awaitTrue(() -> logged("refused a client link on 127.0.0.1:", "NotSslRecordException"));
    Thread.sleep(3000); // long enough for several link attempts; there is no event to wait for when none succeeds
    assertEquals(List.of(), dnsA(wrong, "sealed.service.consul."), "nothing reaches a client with another key");
    assertEquals(List.of(), dnsA(none, "sealed.service.consul."), "nothing reaches a client without a key");
    try (ApiClient e1 = new ApiClient(agents.get(0).httpPort())) {
      assertEquals(3, e1.get("/v1/agent/members").bodyAsJsonArray().size(), "two servers and the keyed client");
    }
  }

  /** Whether a line starting with {@code start} and holding {@code part} after it was logged. */
  private static boolean logged(String start, String part) {
    synchronized (lines) {
      return lines.stream().anyMatch(l -> l.startsWith(start) && l.substring(start.length()).contains(part));
    }
  }
}
