package io.consulate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.consulate.http.ApiClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An agent started from a config dir of HCL files: its ports, and its services in DNS and the catalog. */
class HclAgentEndToEndTest {
  @TempDir
  Path data;
  @TempDir
  Path conf;

  @Test
  void servicesFromHclFilesAnswerInDnsAndTheCatalog() throws Exception {
    int http = TestAgent.freePort();
    int dns = TestAgent.freePort();
    Files.writeString(conf.resolve("00-agent.hcl"), """
        ports {
          http = %d
          dns = %d
        }
        """.formatted(http, dns));
    Files.writeString(conf.resolve("10-web.hcl"), """
        service {
          name = "web"
          id = "web-1"
          address = "127.0.0.10"
          port = 8080
          tags = ["primary"]
          meta {
            version = "2"
          }
          check {
            id = "web-alive"
            ttl = "10m"
            status = "passing"
          }
        }
        """);
    Files.writeString(conf.resolve("20-api.hcl"), """
        services {
          name = "api"
          address = "127.0.0.11"
          port = 9090
          checks = [
            { id = "api-alive", ttl = "10m", status = "passing" },
            { id = "api-http", tcp = "127.0.0.1:%d", interval = "1s" },
          ]
        }
        """.formatted(http));
    Agent agent = TestAgent.startWithConfigPorts(data, conf);
    try (ApiClient api = new ApiClient(agent.httpPort())) {
      assertEquals(http, agent.httpPort());
      assertEquals(dns, agent.dnsUdpPort());
      assertEquals(List.of("127.0.0.10"), TestAgent.dnsA(agent, "web.service.consul."));
      // api's TCP check probes the agent's own HTTP port: it passes at its first run.
      TestAgent.awaitTrue(() -> TestAgent.dnsA(agent, "api.service.consul.").equals(List.of("127.0.0.11")));

      JsonObject web = api.get("/v1/catalog/service/web").bodyAsJsonArray().getJsonObject(0);
      assertEquals("web-1", web.getString("ServiceID"));
      assertEquals(8080, web.getInteger("ServicePort"));
      assertEquals(new JsonArray().add("primary"), web.getJsonArray("ServiceTags"));
      assertEquals("2", web.getJsonObject("ServiceMeta").getString("version"));
      JsonArray apiChecks = api.get("/v1/health/checks/api").bodyAsJsonArray();
      assertEquals(2, apiChecks.size(), apiChecks.encode());
    } finally {
      TestAgent.stop(agent);
    }
  }
}
