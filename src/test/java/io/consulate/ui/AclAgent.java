package io.consulate.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.consulate.agent.Agent;
import io.consulate.agent.TestAgent;
import io.consulate.http.ApiClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@code -dev} agent with ACLs on and {@code default_policy = "deny"}, and the writes the UI's ACL tests set up
 * with its management token: services, keys, and tokens made from a policy's rules.
 */
final class AclAgent implements AutoCloseable {
  static final String MANAGEMENT = "c0ffee00-0000-4000-8000-000000000001";

  final Agent agent;
  final ApiClient api;
  private final Path config;

  private AclAgent(Agent agent, Path config) {
    this.agent = agent;
    this.api = new ApiClient(agent.httpPort());
    this.config = config;
  }

  static AclAgent start() throws Exception {
    Path config = Files.createTempFile("consulate-acl", ".hcl");
    Files.writeString(config, "acl {\n  enabled = true\n  default_policy = \"deny\"\n"
        + "  tokens { initial_management = \"" + MANAGEMENT + "\" }\n}\n");
    return new AclAgent(TestAgent.startDevWithConfig(config), config);
  }

  /** {@code PUT path} with the management token; fails the test unless it answers 200. */
  String put(String path, String body) throws Exception {
    var res = api.put(path + (path.contains("?") ? "&" : "?") + "token=" + MANAGEMENT, body);
    assertEquals(200, res.statusCode(), path + ": " + res.bodyAsString());
    return res.bodyAsString();
  }

  void register(String serviceJson) throws Exception {
    put("/v1/agent/service/register", serviceJson);
  }

  /** A new token whose one policy, named {@code name}, has {@code rules}; its SecretID. */
  String token(String name, String rules) throws Exception {
    put("/v1/acl/policy", new JsonObject().put("Name", name).put("Rules", rules).encode());
    String token = put("/v1/acl/token", new JsonObject()
        .put("Policies", new JsonArray().add(new JsonObject().put("Name", name))).encode());
    return new JsonObject(token).getString("SecretID");
  }

  @Override
  public void close() throws Exception {
    api.close();
    TestAgent.stop(agent);
    Files.deleteIfExists(config);
  }
}
