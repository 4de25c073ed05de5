package io.consulate.health;

import io.consulate.catalog.HealthStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Consul's script check: exit 0 passing, 1 warning, anything else critical; stdout and stderr together are the
 * output; killed at the timeout. Runs on a worker thread, never the event loop.
 */
final class ScriptProbe implements Probe {
  private final Vertx vertx;
  private final List<String> args;
  private final Duration timeout;

  ScriptProbe(Vertx vertx, List<String> args, Duration timeout) {
    this.vertx = vertx;
    this.args = args;
    this.timeout = timeout;
  }

  @Override
  public Future<CheckResult> run() {
    return vertx.executeBlocking(this::execute, false);
  }

  private CheckResult execute() throws InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(args).redirectErrorStream(true).start();
    } catch (IOException e) {
      return CheckResult.critical("cannot start " + args.get(0) + ": " + e.getMessage());
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    // Drain on a helper thread: a chatty script must not block on a full pipe and hit the timeout.
    Thread drain = new Thread(() -> copyCapped(process.getInputStream(), output), "script-check-output");
    drain.setDaemon(true);
    drain.start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      return CheckResult.critical("Timed out (" + timeout.toMillis() + "ms) running check");
    }
    drain.join(1000);
    String text;
    synchronized (output) {
      text = output.toString(StandardCharsets.UTF_8);
    }
    int code = process.exitValue();
    HealthStatus status = code == 0 ? HealthStatus.PASSING : code == 1 ? HealthStatus.WARNING : HealthStatus.CRITICAL;
    return new CheckResult(status, text);
  }

  private static void copyCapped(InputStream in, ByteArrayOutputStream out) {
    byte[] buf = new byte[4096];
    try (in) {
      for (int n; (n = in.read(buf)) >= 0; ) {
        synchronized (out) {
          if (out.size() < CheckResult.OUTPUT_MAX) out.write(buf, 0, Math.min(n, CheckResult.OUTPUT_MAX - out.size()));
        }
      }
    } catch (IOException e) {
      // the process ended or was killed; what was read is the output
    }
  }
}
