package io.consulate.agent;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code consulate agent}: runs an agent until SIGINT/SIGTERM; SIGHUP reloads the configuration. */
@Command(name = "agent", description = "Run a Consulate agent.", mixinStandardHelpOptions = true)
final class AgentCommand implements java.util.concurrent.Callable<Integer> {
  private static final Logger LOG = Logger.getLogger(AgentCommand.class.getName());
  private static final AtomicBoolean RUNNING = new AtomicBoolean();

  @Mixin
  AgentFlags flags = new AgentFlags();

  static boolean isRunning() {
    return RUNNING.get();
  }

  @Override
  public Integer call() throws Exception {
    AgentConfig first = ConfigLoader.load(flags);
    LogLevels.apply(first.logLevel());
    PidFile.write(first.pidFile());
    Agent agent;
    try {
      AtomicBoolean initial = new AtomicBoolean(true);
      agent = Agent.start(() -> initial.getAndSet(false) ? first : ConfigLoader.load(flags))
          .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      System.err.println("==> Error starting agent: " + (cause.getMessage() != null ? cause.getMessage() : cause));
      PidFile.delete(first.pidFile());
      return 1;
    }
    RUNNING.set(true);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("shutting down");
      try {
        agent.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.log(Level.WARNING, "shutdown did not finish cleanly: " + e);
      }
      PidFile.delete(first.pidFile());
      stopped.countDown();
    }, "consulate-shutdown"));
    agent.left().thenRun(() -> new Thread(() -> System.exit(0), "consulate-exit").start());
    Signals.onHangup(() -> agent.reload().whenComplete((v, err) -> {
      if (err != null) LOG.warning("SIGHUP reload failed: " + err.getMessage());
    }));
    stopped.await();
    return 0;
  }
}
