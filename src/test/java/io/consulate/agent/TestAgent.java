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

  /** A {@code -dev} agent that also reads {@code configFile} (ACL settings, for one). */
  public static Agent startDevWithConfig(Path configFile) throws Exception {
    return start(f -> {
      f.dev = true;
      f.configFiles.add(configFile);
    });
  }

  /** A lone server (bootstrap-expect 1) with a data dir that also reads {@code configFile}: restarts keep its state. */
  public static Agent startServerWithConfig(String node, Path dataDir, Path configFile) throws Exception {
    return start(f -> {
      f.node = node;
      f.server = true;
      f.dataDir = dataDir;
      f.bind = "127.0.0.1";
      f.serfLanPort = freePort();
      f.serverPort = freePort();
      f.bootstrapExpect = 1;
      f.configFiles.add(configFile);
    });
  }

  /** A {@code -dev} agent given {@code -ui=<enabled>}. */
  public static Agent startDevWithUi(boolean enabled) throws Exception {
    return start(f -> {
      f.dev = true;
      f.ui = enabled;
    });
  }

  /** A {@code -dev} agent given {@code -protocol <version>}. */
  public static Agent startDevSpeaking(int protocol) throws Exception {
    return start(f -> {
      f.dev = true;
      f.protocol = protocol;
    });
  }

  /** An agent with a data dir and optional config dir. */
  public static Agent startWithDataDir(Path dataDir, Path configDir) throws Exception {
    return start(f -> {
      f.dataDir = dataDir;
      f.bind = "127.0.0.1";
      if (configDir != null) f.configDirs.add(configDir);
    });
  }

  /** An agent with a data dir whose config dir also sets its ports: no port flags, so the files' ports apply. */
  public static Agent startWithConfigPorts(Path dataDir, Path configDir) throws Exception {
    return start(f -> {
      f.dataDir = dataDir;
      f.bind = "127.0.0.1";
      f.configDirs.add(configDir);
      f.httpPort = null;
      f.dnsPort = null;
    });
  }

  /**
   * A clustered agent on 127.0.0.1 with an free serf port picked at start. {@code joinPort} null starts a cluster of one
   * (bootstrap-expect 1); otherwise the agent joins the member listening there.
   */
  public static Agent startClustered(String node, Path dataDir, Integer joinPort) throws Exception {
    return startClustered(node, dataDir, joinPort, null);
  }

  /** The same, holding {@code encrypt} (null: no key). */
  public static Agent startClustered(String node, Path dataDir, Integer joinPort, String encrypt) throws Exception {
    return start(f -> {
      f.encrypt = encrypt;
      f.node = node;
      f.server = true;
      f.dataDir = dataDir;
      f.bind = "127.0.0.1";
      f.serfLanPort = freePort();
      f.serverPort = freePort();
      if (joinPort == null) f.bootstrapExpect = 1;
      else f.retryJoin.add("127.0.0.1:" + joinPort);
    });
  }

  /**
   * A client agent on 127.0.0.1 that joins the server whose serf port is {@code serverSerfPort} (its link is two
   * ports above); {@code joinPort} null starts it with nothing to join (a lone agent, which can join later).
   */
  public static Agent startClient(String node, Path dataDir, Integer serverSerfPort) throws Exception {
    return startClient(node, dataDir, serverSerfPort, null);
  }

  /** The same, holding {@code encrypt} (null: no key). */
  public static Agent startClient(String node, Path dataDir, Integer serverSerfPort, String encrypt) throws Exception {
    return start(f -> {
      f.encrypt = encrypt;
      f.node = node;
      f.dataDir = dataDir;
      f.bind = "127.0.0.1";
      if (serverSerfPort != null) f.retryJoin.add("127.0.0.1:" + serverSerfPort);
    });
  }

  /** A client agent as {@link #startClient}, returned once it runs, linked or not (it may be refused). */
  public static Agent startClientUnlinked(String node, Path dataDir, int serverSerfPort, String encrypt) throws Exception {
    AgentFlags flags = new AgentFlags();
    flags.httpPort = 0;
    flags.dnsPort = 0;
    flags.node = node;
    flags.dataDir = dataDir;
    flags.bind = "127.0.0.1";
    flags.encrypt = encrypt;
    flags.retryJoin.add("127.0.0.1:" + serverSerfPort);
    return Agent.start(() -> ConfigLoader.load(flags)).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  /** A server whose serf port leaves the link port (serf + 2) free too, so clients can reach it. */
  public static Agent startServerForClients(String node, Path dataDir) throws Exception {
    return startServerForClients(node, dataDir, null);
  }

  /** The same, holding {@code encrypt} (null: no key). */
  public static Agent startServerForClients(String node, Path dataDir, String encrypt) throws Exception {
    return start(f -> {
      f.encrypt = encrypt;
      f.node = node;
      f.server = true;
      f.dataDir = dataDir;
      f.bind = "127.0.0.1";
      f.serfLanPort = freePortWithLinkPort();
      f.serverPort = freePort();
      f.bootstrapExpect = 1;
    });
  }

  private static int freePortWithLinkPort() {
    for (int i = 0; i < 50; i++) {
      int p = freePort();
      try (java.net.ServerSocket s = new java.net.ServerSocket(p + 2, 1, java.net.InetAddress.getLoopbackAddress())) {
        return p;
      } catch (java.io.IOException taken) {
        // try another
      }
    }
    throw new IllegalStateException("no free port pair");
  }

  /** The next port {@link #freePort} tries: below the kernel's ephemeral range (50000-60999 here), spread per JVM. */
  private static final java.util.concurrent.atomic.AtomicInteger NEXT_PORT =
      new java.util.concurrent.atomic.AtomicInteger(20_000 + (int) (ProcessHandle.current().pid() * 997 % 25_000));

  /**
   * JGroups' TCPPING refuses bind port 0, so pick a free port and hand it over. Not one the kernel hands out:
   * an agent binds its HTTP and DNS ports (port 0) before it joins the LAN, and the tests' own connections take
   * ephemeral ports too, either of which could take a just-released ephemeral port before JGroups binds it.
   */
  static int freePort() throws java.io.UncheckedIOException {
    for (int i = 0; i < 1_000; i++) {
      int p = 20_000 + Math.floorMod(NEXT_PORT.getAndAdd(7) - 20_000, 29_000);
      try (java.net.ServerSocket s = new java.net.ServerSocket(p, 1, java.net.InetAddress.getLoopbackAddress())) {
        return s.getLocalPort();
      } catch (java.io.IOException taken) {
        // try the next one
      }
    }
    throw new java.io.UncheckedIOException(new java.io.IOException("no free port below the ephemeral range"));
  }

  private static Agent start(Consumer<AgentFlags> customize) throws Exception {
    AgentFlags flags = new AgentFlags();
    flags.node = "test-node";
    flags.httpPort = 0;
    flags.dnsPort = 0;
    customize.accept(flags);
    Agent agent = Agent.start(() -> ConfigLoader.load(flags)).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    // Servers and clients listen before a leader exists; the tests start once this agent is in the catalog.
    agent.registered().toCompletableFuture().get(60, TimeUnit.SECONDS);
    return agent;
  }

  /** The sorted A records {@code agent}'s DNS answers for {@code name}, over UDP with dnsjava. */
  public static java.util.List<String> dnsA(Agent agent, String name) throws Exception {
    org.xbill.DNS.SimpleResolver resolver = new org.xbill.DNS.SimpleResolver(
        new java.net.InetSocketAddress("127.0.0.1", agent.dnsUdpPort()));
    resolver.setTimeout(java.time.Duration.ofSeconds(2));
    org.xbill.DNS.Message reply = resolver.send(org.xbill.DNS.Message.newQuery(org.xbill.DNS.Record.newRecord(
        org.xbill.DNS.Name.fromString(name), org.xbill.DNS.Type.A, org.xbill.DNS.DClass.IN)));
    java.util.List<String> out = new java.util.ArrayList<>();
    for (org.xbill.DNS.Record r : reply.getSection(org.xbill.DNS.Section.ANSWER)) out.add(r.rdataToString());
    out.sort(null);
    return out;
  }

  /** Polls an event we cannot subscribe to from outside (a view change, a mirror catching up), for at most 15 s. */
  public static void awaitTrue(java.util.concurrent.Callable<Boolean> condition) throws Exception {
    long end = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
    while (!condition.call()) {
      if (System.nanoTime() > end) throw new AssertionError("condition not met within 15 s");
      Thread.sleep(100);
    }
  }

  /** Polls until {@code value} is not null (at most 15 s), and returns it. */
  public static <T> T awaitValue(java.util.concurrent.Callable<T> value) throws Exception {
    T[] out = (T[]) new Object[1];
    awaitTrue(() -> (out[0] = value.call()) != null);
    return out[0];
  }

  public static void stop(Agent agent) throws Exception {
    if (agent != null) agent.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
