package io.consulate.agent;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Starts real agents on ephemeral ports for end-to-end tests. */
public final class TestAgent {
  private TestAgent() {}

  /** An in-memory agent (like {@code -dev}) on 127.0.0.1, ephemeral ports, node "test-node". */
  public static Agent startDev() throws Exception {
    return start(f -> f.dev = true);
  }

  /** An agent with a data dir and optional config dir. */
  public static Agent startWithDataDir(Path dataDir, Path configDir) throws Exception {
    return start(f -> {
      f.dataDir = dataDir;
      f.bind = "127.0.0.1";
      if (configDir != null) f.configDirs.add(configDir);
    });
  }

  /**
   * A clustered agent on 127.0.0.1 with an free serf port picked at start. {@code joinPort} null starts a cluster of one
   * (bootstrap-expect 1); otherwise the agent joins the member listening there.
   */
  public static Agent startClustered(String node, Path dataDir, Integer joinPort) throws Exception {
    return start(f -> {
      f.node = node;
      f.dataDir = dataDir;
      f.bind = "127.0.0.1";
      f.serfLanPort = freePort();
      f.serverPort = freePort();
      if (joinPort == null) f.bootstrapExpect = 1;
      else f.retryJoin.add("127.0.0.1:" + joinPort);
    });
  }

  /** JGroups' TCPPING refuses bind port 0, so ask the kernel for a free port and hand it over. */
  private static int freePort() throws java.io.UncheckedIOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Agent start(Consumer<AgentFlags> customize) throws Exception {
    AgentFlags flags = new AgentFlags();
    flags.node = "test-node";
    flags.httpPort = 0;
    flags.dnsPort = 0;
    customize.accept(flags);
    return Agent.start(() -> ConfigLoader.load(flags)).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  public static void stop(Agent agent) throws Exception {
    if (agent != null) agent.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
