package io.consulate.cli;

import io.consulate.catalog.GoDuration;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code consulate lock PREFIX CMD...}: as {@code consul lock}, runs CMD while holding a lock on {@code PREFIX/.lock}
 * ({@code -n 1}) or a slot of a semaphore of {@code -n} holders at PREFIX, kept by a session renewed in the
 * background. If the hold is lost, CMD gets SIGTERM, then SIGKILL after 5 s. Exit codes are Consul's: 0 once the
 * lock is released, whatever CMD did, or 2 for a failed CMD with {@code -child-exit-code}; 1 when the lock could not
 * be had (conflict, {@code -timeout}) or released.
 */
@Command(name = "lock", description = "Execute a command holding a lock.", mixinStandardHelpOptions = true)
public final class LockCommand extends HttpCommand implements Callable<Integer> {
  private static final long KILL_GRACE_SECONDS = 5;

  @Option(names = "-n", defaultValue = "1", description = "Limit on concurrent holders; above 1 it is a semaphore.")
  int limit;
  @Option(names = {"-timeout", "-try"}, defaultValue = "0s", converter = GoDurationFlag.class,
      description = "Maximum time to wait for the lock, e.g. 1s or 3h; 0 waits forever (-try is the old name).")
  Duration timeout;
  @Option(names = "-name", description = "Name of the lock session (default: from the command and prefix).")
  String name;
  @Option(names = "-monitor-retry", defaultValue = "3",
      description = "Times to retry a failed read of the lock (5xx, agent unreachable), 1s apart, before giving it up.")
  int monitorRetry;
  @Option(names = "-pass-stdin", description = "Pass stdin to the child process.")
  boolean passStdin;
  @Option(names = "-shell", arity = "0..1", defaultValue = "true", fallbackValue = "true",
      description = "Run the command in a shell (default true).")
  boolean shell;
  @Option(names = "-child-exit-code", description = "Exit 2 if the child process exited with an error.")
  boolean childExitCode;
  @Option(names = "-verbose", description = "Enable verbose output.")
  boolean verbose;
  @Parameters(arity = "0..*", paramLabel = "PREFIX CMD")
  List<String> args = List.of();

  private KvHold hold;
  private Process child;
  private boolean done;

  /** Go's duration syntax for -timeout, as Consul's flag package reads it. */
  static final class GoDurationFlag implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return GoDuration.parse(value);
    }
  }

  @Override
  public Integer call() throws Exception {
    if (limit <= 0) return fail("Lock holder limit must be positive");
    if (args.size() < 2) return fail("Key prefix and child command must be specified");
    if (timeout.isNegative()) return fail("Timeout must be positive");
    if (monitorRetry < 0) return fail("Number for 'monitor-retry' must be >= 0");
    String prefix = args.get(0).startsWith("/") ? args.get(0).substring(1) : args.get(0);
    List<String> command = args.subList(1, args.size());
    String sessionName = name != null ? name
        : "Consul lock for '" + String.join(" ", command) + "' at '" + prefix + "'";
    try {
      send("GET", "/v1/agent/self");
    } catch (IOException e) {
      return fail("Error querying Consul agent: " + e.getMessage());
    }
    Thread onExit = new Thread(this::shutdown, "lock-release");
    Runtime.getRuntime().addShutdownHook(onExit);
    try {
      return run(prefix, command, sessionName);
    } finally {
      Runtime.getRuntime().removeShutdownHook(onExit);
    }
  }

  private int run(String prefix, List<String> command, String sessionName) throws Exception {
    try {
      if (limit == 1) {
        String key = prefix.endsWith("/") ? prefix + ".lock" : prefix + "/.lock";
        info("Setting up lock at path: " + key);
        hold = new KvMutex(this, new LockSession(this, sessionName, "release"), monitorRetry, key);
      } else {
        info("Setting up semaphore (limit " + limit + ") at prefix: " + prefix);
        hold = new KvSemaphore(this, new LockSession(this, sessionName, "delete"), monitorRetry, prefix, limit);
      }
    } catch (IOException e) {
      return fail("Lock setup failed: " + e.getMessage());
    }
    info("Attempting lock acquisition");
    long deadline = timeout.isZero() ? 0 : System.nanoTime() + timeout.toNanos();
    boolean acquired;
    try {
      acquired = hold.acquire(deadline);
    } catch (IOException e) {
      hold.session.close();
      return fail("Lock acquisition failed: " + e.getMessage());
    }
    if (!acquired) {
      hold.session.close();
      return fail("Shutdown triggered or timeout during lock acquisition");
    }
    int childCode = runChild(command);
    if (!release()) return 1;
    return childExitCode ? childCode : 0;
  }

  /** Runs the child until it exits, or kills it once the hold is lost; 2 if it failed, as Consul reports it. */
  private int runChild(List<String> command) throws Exception {
    info("Starting handler");
    ProcessBuilder pb = Shell.command(command, shell);
    pb.environment().put("CONSUL_LOCK_HELD", "true");
    pb.redirectInput(passStdin ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.from(new File("/dev/null")));
    synchronized (this) {
      if (done) return 0;
      child = pb.start();
    }
    Process running = child;
    Thread watch = new Thread(() -> {
      try {
        hold.awaitLoss();
        if (!running.isAlive()) return;
        info("Lock lost, killing child");
        kill(running);
      } catch (InterruptedException e) {
        // the child ended first: nothing to watch any more
      }
    }, "lock-monitor");
    watch.setDaemon(true);
    watch.start();
    int code = running.waitFor();
    watch.interrupt();
    info("Child terminated, releasing lock");
    return code == 0 ? 0 : 2;
  }

  private void kill(Process p) throws InterruptedException {
    info("Terminating child pid " + p.pid());
    p.destroy();
    if (!p.waitFor(KILL_GRACE_SECONDS, TimeUnit.SECONDS)) {
      info("Killing child pid " + p.pid());
      p.destroyForcibly();
    }
  }

  /** Releases the hold, then removes the coordination key if nobody else uses it. */
  private synchronized boolean release() throws InterruptedException {
    done = true;
    try {
      hold.release();
    } catch (IOException e) {
      fail("Lock release failed: " + e.getMessage());
      return false;
    }
    try {
      info(hold.cleanup() ? "Cleanup succeeded" : "Cleanup aborted, lock in use");
    } catch (IOException e) {
      fail("Lock cleanup failed: " + e.getMessage());
      return false;
    }
    return true;
  }

  /** SIGINT or SIGTERM: the child goes first, then the lock, as Consul does on its shutdown channel. */
  private void shutdown() {
    synchronized (this) {
      if (done) return;
      done = true;
    }
    try {
      if (child != null) kill(child);
      if (hold != null) {
        hold.release();
        hold.cleanup();
      }
    } catch (Exception e) {
      System.err.println("Lock release failed: " + e.getMessage());
    }
  }

  private void info(String line) {
    if (verbose) System.out.println(line);
  }
}
