package io.consulate.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.agent.Agent;
import io.consulate.agent.TestAgent;
import io.vertx.core.http.HttpMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The agent's own writes are made with its {@code agent} token: a config-file service is registered only when that
 * token may write it, and a blocked one is logged as Consul logs it.
 */
class AclAgentTokenTest {
  private static final String ROOT = "c0ffee00-0000-4000-8000-0000000000cc";

  private static boolean registersConfigService(String agentToken, List<String> warnings) throws Exception {
    Path dir = Files.createTempDirectory("acl-agent");
    Path config = dir.resolve("agent.hcl");
    Files.writeString(config, "acl {\n enabled = true\n default_policy = \"deny\"\n tokens {\n  initial_management = \""
        + ROOT + "\"\n" + (agentToken == null ? "" : "  agent = \"" + agentToken + "\"\n") + " }\n}\n"
        + "service {\n name = \"cfg-web\"\n port = 80\n}\n");
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        if (r.getMessage() != null && r.getMessage().contains("blocked by ACLs")) warnings.add(r.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger.getLogger("").addHandler(capture);
    Agent agent = TestAgent.startDevWithConfig(config);
    try (ApiClient api = new ApiClient(agent.httpPort())) {
      TestAgent.awaitTrue(() -> api.send(HttpMethod.GET, "/v1/acl/token/self", null, ROOT).statusCode() == 200);
      // Registered once the agent token exists (the leader creates it just after start), or never.
      long end = System.nanoTime() + 5_000_000_000L;
      while (System.nanoTime() < end) {
        if (api.send(HttpMethod.GET, "/v1/catalog/services", null, ROOT).bodyAsJsonObject().containsKey("cfg-web")) return true;
        Thread.sleep(100);
      }
      return false;
    } finally {
      Logger.getLogger("").removeHandler(capture);
      TestAgent.stop(agent);
    }
  }

  @Test
  void withoutAnAgentTokenTheConfigServiceIsBlocked() throws Exception {
    List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
    assertFalse(registersConfigService(null, warnings));
    assertTrue(warnings.stream().anyMatch(w -> w.startsWith("Service registration blocked by ACLs: service=cfg-web")),
        warnings.toString());
  }

  @Test
  void anAgentTokenThatMayWriteItRegistersIt() throws Exception {
    assertTrue(registersConfigService(ROOT, new java.util.concurrent.CopyOnWriteArrayList<>()));
  }
}
