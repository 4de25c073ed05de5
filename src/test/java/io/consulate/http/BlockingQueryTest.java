package io.consulate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.agent.Agent;
import io.consulate.agent.TestAgent;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Blocking queries wake for a change to their own view and not for unrelated writes. */
class BlockingQueryTest {
  private Agent agent;
  private ApiClient api;

  @BeforeEach
  void start() throws Exception {
    agent = TestAgent.startDev();
    api = new ApiClient(agent.httpPort());
    api.put("/v1/agent/service/register", "{\"ID\":\"web-1\",\"Name\":\"web\",\"Port\":80}");
  }

  @AfterEach
  void stop() throws Exception {
    api.close();
    TestAgent.stop(agent);
  }

  private long index(String uri) throws Exception {
    return Long.parseLong(api.get(uri).getHeader("X-Consul-Index"));
  }

  @Test
  void wakesWhenItsServiceChanges() throws Exception {
    long idx = index("/v1/health/service/web");
    CompletableFuture<HttpResponse<Buffer>> parked = BlockingCalls.async(api, "/v1/health/service/web?index=" + idx + "&wait=20s");
    BlockingCalls.waitUntilParked(agent);
    api.put("/v1/agent/service/register", "{\"ID\":\"web-2\",\"Name\":\"web\",\"Port\":81}");
    HttpResponse<Buffer> res = parked.get(10, TimeUnit.SECONDS);
    assertEquals(2, res.bodyAsJsonArray().size());
    assertTrue(Long.parseLong(res.getHeader("X-Consul-Index")) > idx);
  }

  @Test
  void staysParkedForAnotherServiceAndReturnsAfterTheWait() throws Exception {
    long idx = index("/v1/catalog/service/web");
    long t0 = System.nanoTime();
    CompletableFuture<HttpResponse<Buffer>> parked = BlockingCalls.async(api, "/v1/catalog/service/web?index=" + idx + "&wait=1s");
    BlockingCalls.waitUntilParked(agent);
    api.put("/v1/agent/service/register", "{\"ID\":\"db-1\",\"Name\":\"db\",\"Port\":5432}");
    HttpResponse<Buffer> res = parked.get(10, TimeUnit.SECONDS);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(ms >= 1000, "returned after " + ms + " ms, before the wait ended");
    assertEquals(idx, Long.parseLong(res.getHeader("X-Consul-Index")), "the view's index did not move");
  }
}
