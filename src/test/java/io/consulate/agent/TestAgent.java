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
