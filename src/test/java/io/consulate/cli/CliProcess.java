package io.consulate.cli;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a consulate command in a JVM of its own, for what only a process has: its environment variables. */
final class CliProcess {
  private CliProcess() {}

  /** {@code env} entries are NAME=VALUE; the CONSUL_* variables of this JVM are not passed on. */
  static Cli.Result run(List<String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin"
        + File.separator + "java", "-cp", System.getProperty("java.class.path"), "io.consulate.agent.Main"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().removeIf(k -> k.startsWith("CONSUL_"));
    for (String e : env) pb.environment().put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1));
    Process p = pb.start();
    p.getOutputStream().close();
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
      try {
        return p.getErrorStream().readAllBytes();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("consulate " + String.join(" ", args) + " did not exit within 60 s");
    }
    return new Cli.Result(p.exitValue(), out, new String(err.get(), StandardCharsets.UTF_8));
  }
}
