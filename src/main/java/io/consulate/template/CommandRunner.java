package io.consulate.template;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/** Runs a template's command ({@code sh -c}) after its file changed, logging the exit status and output. */
final class CommandRunner {
  private static final Logger LOG = Logger.getLogger(CommandRunner.class.getName());
  /** consul-template's default command timeout. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private CommandRunner() {}

  /** Runs to completion (or the timeout) and returns the exit status; -1 if it could not start or timed out. */
  static int run(String command) {
    try {
      Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
      if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        LOG.warning(() -> "command \"" + command + "\" timed out after " + TIMEOUT.toSeconds() + "s and was killed");
        return -1;
      }
      String out = output.join().strip();
      int status = p.exitValue();
      String message = "command \"" + command + "\" exited " + status + (out.isEmpty() ? "" : ": " + out);
      if (status == 0) LOG.info(message);
      else LOG.warning(message);
      return status;
    } catch (IOException e) {
      LOG.warning(() -> "command \"" + command + "\" could not start: " + e.getMessage());
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static String readAll(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
