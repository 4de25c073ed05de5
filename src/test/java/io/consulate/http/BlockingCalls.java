package io.consulate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.consulate.agent.Agent;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.concurrent.CompletableFuture;

/** A GET that parks in the agent, and waiting for it to park by the agent's counter instead of a guessed sleep. */
final class BlockingCalls {
  private BlockingCalls() {}

  static CompletableFuture<HttpResponse<Buffer>> async(ApiClient api, String uri) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return api.get(uri);
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
  }

  static void waitUntilParked(Agent agent) throws InterruptedException {
    for (int i = 0; i < 500 && agent.parkedQueries() == 0; i++) Thread.sleep(10);
    assertEquals(1, agent.parkedQueries(), "the query parked");
  }
}
