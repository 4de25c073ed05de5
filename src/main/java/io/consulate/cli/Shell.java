package io.consulate.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** Starts a user's command the way Consul's lock and watch do: {@code sh -c} with the words joined by spaces. */
final class Shell {
  private Shell() {}

  /** The command with this process's output and error: run by {@code sh -c}, or the words as program and arguments. */
  static ProcessBuilder command(List<String> words, boolean shell) {
    ProcessBuilder pb = shell ? new ProcessBuilder("/bin/sh", "-c", String.join(" ", words))
        : new ProcessBuilder(words);
    return pb.redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
  }

  /** Starts the command in a shell; stdin is inherited unless {@code input} is given. */
  static Process start(List<String> words, byte[] input, String index) throws IOException {
    ProcessBuilder pb = command(words, true);
    if (input == null) pb.redirectInput(ProcessBuilder.Redirect.INHERIT);
    if (index != null) pb.environment().put("CONSUL_INDEX", index);
    Process p = pb.start();
    if (input != null) {
      try (OutputStream in = p.getOutputStream()) {
        in.write(input);
      } catch (IOException e) {
        // The handler may exit without reading its input; that is its choice, not an error.
      }
    }
    return p;
  }
}
