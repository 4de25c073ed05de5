package io.consulate.cli;

import io.consulate.agent.Agent;
import io.consulate.agent.TestAgent;
import io.consulate.http.ApiClient;

/** The {@code -dev} agent a CLI test class runs its commands against, its HTTP client, and the -http-addr to give. */
final class CliAgent implements AutoCloseable {
  final Agent agent;
  final ApiClient api;
  final String addr;

  private CliAgent(Agent agent) {
    this.agent = agent;
    this.api = new ApiClient(agent.httpPort());
    this.addr = "127.0.0.1:" + agent.httpPort();
  }

  static CliAgent start() throws Exception {
    return new CliAgent(TestAgent.startDev());
  }

  /** A {@code -dev} agent with ACLs on, default policy deny and no token yet: {@code acl bootstrap} makes the first. */
  static CliAgent startWithAclsToBootstrap(java.nio.file.Path dir) throws Exception {
    java.nio.file.Path config = dir.resolve("acl.hcl");
    java.nio.file.Files.writeString(config, "acl {\n  enabled = true\n  default_policy = \"deny\"\n}\n");
    return new CliAgent(TestAgent.startDevWithConfig(config));
  }

  @Override
  public void close() throws Exception {
    api.close();
    TestAgent.stop(agent);
  }
}
