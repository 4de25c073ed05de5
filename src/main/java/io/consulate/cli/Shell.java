package io.consulate.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** Starts a user's command the way Consul's lock and watch do: {@code sh -c} with the words joined by spaces. */
final class Shell {
  private Shell() {}

  /** Starts the command with this process's output and error; stdin is inherited unless {@code input} is given. */
  static Process start(List<String> words, byte[] input, String index) throws IOException {
    ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", String.join(" ", words))
        .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
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
