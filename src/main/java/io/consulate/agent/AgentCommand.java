package io.consulate.agent;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code consulate agent}: runs an agent until SIGINT/SIGTERM; SIGHUP reloads the configuration. */
@Command(name = "agent", description = "Run a Consulate agent.", mixinStandardHelpOptions = true)
final class AgentCommand implements java.util.concurrent.Callable<Integer> {
  private static final AtomicBoolean LEAVING = new AtomicBoolean();
  private static final Logger LOG = Logger.getLogger(AgentCommand.class.getName());
  private static final AtomicBoolean RUNNING = new AtomicBoolean();

  @Mixin
  AgentFlags flags = new AgentFlags();

  @Spec
  CommandSpec spec;

  static boolean isRunning() {
    return RUNNING.get();
  }

  @Override
  public Integer call() throws Exception {
    UnsupportedFlags.refuse(spec.commandLine().getParseResult());
    AgentConfig first = ConfigLoader.load(flags);
    LogLevels.apply(first.logLevel());
    LogOutput.apply(first.log());
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
    agent.left().thenRun(() -> exit(0));
    Signals.onStop(signal -> stop(agent, first.shutdown(), signal));
    Signals.onHangup(() -> agent.reload().whenComplete((v, err) -> {
      if (err != null) LOG.warning("SIGHUP reload failed: " + err.getMessage());
    }));
    stopped.await();
    return 0;
  }

  /**
   * Consul's handling of SIGTERM and SIGINT: leave gracefully when {@code leave_on_terminate} (TERM) or not
   * {@code skip_leave_on_interrupt} (INT) says so, and exit 0 once left; otherwise, or when the leave fails or
   * takes over 15 s, exit 1. A second signal during the leave exits at once. The shutdown hook closes the agent.
   */
  private static void stop(Agent agent, AgentConfig.ShutdownSettings rules, String signal) {
    if (LEAVING.getAndSet(true)) {
      LOG.info("Caught second signal, exiting");
      exit(1);
      return;
    }
    boolean graceful = rules.leavesOn(signal, agent.isClient());
    if (!graceful) {
      LOG.info("Caught SIG" + signal + "; graceful shutdown disabled, exiting");
      exit(1);
      return;
    }
    LOG.info("Caught SIG" + signal + "; gracefully leaving the cluster");
    agent.leave().toCompletableFuture().orTimeout(15, TimeUnit.SECONDS).whenComplete((v, err) -> {
      if (err != null) LOG.warning("graceful leave failed, exiting: " + err);
      exit(err == null ? 0 : 1);
    });
  }

  /** Exits from a thread of its own: the shutdown hook waits for the agent, which may be what is calling. */
  private static void exit(int status) {
    new Thread(() -> System.exit(status), "consulate-exit").start();
  }
}
