package io.consulate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.consulate.agent.Agent;
import io.consulate.agent.TestAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** ACL state is replicated state: a server restarted on its data dir still knows its tokens and policies. */
class AclRestartTest {
  @Test
  void tokensAndPoliciesSurviveARestart() throws Exception {
    Path dir = Files.createTempDirectory("acl-restart");
    Path config = dir.resolve("acl.hcl");
    Files.writeString(config, "acl {\n enabled = true\n default_policy = \"deny\"\n}\n");
    Agent agent = TestAgent.startServerWithConfig("s1", dir.resolve("data"), config);
    String secret;
    try (ApiClient api = new ApiClient(agent.httpPort())) {
      JsonObject boot = TestAgent.awaitValue(() -> {
        var r = api.send(HttpMethod.PUT, "/v1/acl/bootstrap", null, null);
        return r.statusCode() == 200 ? r.bodyAsJsonObject() : null;
      });
      String root = boot.getString("SecretID");
      assertEquals(root, boot.getString("ID"), "the deprecated ID field carries the secret");
      assertEquals(200, api.send(HttpMethod.PUT, "/v1/acl/policy",
          "{\"Name\":\"kv-read\",\"Rules\":\"key_prefix \\\"\\\" { policy = \\\"read\\\" }\"}", root).statusCode());
      secret = api.send(HttpMethod.PUT, "/v1/acl/token", "{\"Policies\":[{\"Name\":\"kv-read\"}]}", root)
          .bodyAsJsonObject().getString("SecretID");
      assertEquals(200, api.send(HttpMethod.PUT, "/v1/kv/k", "v", root).statusCode());
    } finally {
      TestAgent.stop(agent);
    }
    agent = TestAgent.startServerWithConfig("s1", dir.resolve("data"), config);
    try (ApiClient api = new ApiClient(agent.httpPort())) {
      String token = secret;
      TestAgent.awaitTrue(() -> api.send(HttpMethod.GET, "/v1/kv/k?raw", null, token).statusCode() == 200);
      assertEquals("v", api.send(HttpMethod.GET, "/v1/kv/k?raw", null, token).bodyAsString());
      assertEquals(403, api.send(HttpMethod.PUT, "/v1/kv/k", "w", token).statusCode());
      assertEquals(403, api.send(HttpMethod.PUT, "/v1/acl/bootstrap", null, null).statusCode(), "bootstrap stays done");
    } finally {
      TestAgent.stop(agent);
    }
  }
}
