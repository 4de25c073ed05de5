package io.consulate.cli;

import io.consulate.agent.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs consulate commands in-process through {@code Main}'s command line, capturing stdout and stderr. */
final class Cli {
  private Cli() {}

  /** What a command printed and its exit code. */
  record Result(int code, String out, String err) {}

  static Result run(String... args) throws Exception {
    return start(null, args).await();
  }

  static Result runWithStdin(String stdin, String... args) throws Exception {
    return start(stdin, args).await();
  }

  /** A command running in a thread of its own (monitor); its output can be read while it runs. */
  static Running start(String stdin, String... args) {
    return new Running(stdin, args);
  }

  static final class Running {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream oldOut = System.out;
    private final PrintStream oldErr = System.err;
    private final InputStream oldIn = System.in;
    private final CompletableFuture<Integer> code = new CompletableFuture<>();

    private Running(String stdin, String[] args) {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      if (stdin != null) System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      Thread t = new Thread(() -> {
        try {
          code.complete(Main.commandLine().execute(args));
        } catch (Throwable e) {
          code.completeExceptionally(e);
        }
      }, "cli-" + args[0]);
      t.setDaemon(true);
      t.start();
    }

    String out() {
      return out.toString(StandardCharsets.UTF_8);
    }

    /** Waits for the exit (at most 60 s), then puts the process's streams back. */
    Result await() throws Exception {
      try {
        int exit = code.get(60, TimeUnit.SECONDS);
        return new Result(exit, out(), err.toString(StandardCharsets.UTF_8));
      } finally {
        System.setOut(oldOut);
        System.setErr(oldErr);
        System.setIn(oldIn);
      }
    }
  }
}
