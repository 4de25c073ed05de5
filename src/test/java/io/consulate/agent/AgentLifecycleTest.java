package io.consulate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.http.ApiClient;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What survives a restart and what a reload changes, on real agents with a data dir and a config dir. */
class AgentLifecycleTest {
  @TempDir
  Path data;
  @TempDir
  Path conf;

  @Test
  void apiRegistrationsSurviveARestartAndDeregisteredOnesStayGone() throws Exception {
    Agent first = TestAgent.startWithDataDir(data, null);
    try (ApiClient api = new ApiClient(first.httpPort())) {
      api.put("/v1/agent/service/register", "{\"ID\":\"keep\",\"Name\":\"web\",\"Port\":80,\"Check\":{\"TTL\":\"30s\"}}");
      api.put("/v1/agent/service/register", "{\"ID\":\"drop\",\"Name\":\"web\",\"Port\":81}");
      assertEquals(200, api.put("/v1/agent/service/deregister/drop", null).statusCode());
    } finally {
      TestAgent.stop(first);
    }
    Agent second = TestAgent.startWithDataDir(data, null);
    try (ApiClient api = new ApiClient(second.httpPort())) {
      JsonObject services = api.get("/v1/agent/services").bodyAsJsonObject();
      assertEquals(1, services.size(), services.encode());
      assertEquals(80, services.getJsonObject("keep").getInteger("Port"));
      assertEquals("service:keep", api.get("/v1/health/checks/web").bodyAsJsonArray().getJsonObject(0).getString("CheckID"));
    } finally {
      TestAgent.stop(second);
    }
  }

  @Test
  void reloadAddsAndRemovesConfigServicesAndABrokenFileKeepsThePreviousConfig() throws Exception {
    Files.writeString(conf.resolve("10-a.json"), "{\"service\": {\"name\": \"a\", \"port\": 1}}");
    Agent agent = TestAgent.startWithDataDir(data, conf);
    try (ApiClient api = new ApiClient(agent.httpPort())) {
      assertEquals(1, api.get("/v1/catalog/service/a").bodyAsJsonArray().size());

      Files.delete(conf.resolve("10-a.json"));
      Files.writeString(conf.resolve("20-b.json"), "{\"services\": [{\"name\": \"b\", \"port\": 2}]}");
      assertEquals(200, api.put("/v1/agent/reload", null).statusCode());
      assertEquals(0, api.get("/v1/catalog/service/a").bodyAsJsonArray().size());
      assertEquals(1, api.get("/v1/catalog/service/b").bodyAsJsonArray().size());

      Files.writeString(conf.resolve("30-broken.json"), "{\"service\": {\"name\": ");
      var res = api.put("/v1/agent/reload", null);
      assertEquals(500, res.statusCode());
      assertTrue(res.bodyAsString().contains("30-broken.json"), res.bodyAsString());
      assertEquals(1, api.get("/v1/catalog/service/b").bodyAsJsonArray().size(), "still serving the previous config");
    } finally {
      TestAgent.stop(agent);
    }
  }
}
