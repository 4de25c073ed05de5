package io.consulate.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code -pid-file}: the agent's process id, written as Consul writes it (digits, no newline) before the agent
 * starts, so a supervisor can signal it (SIGHUP reload, SIGINT leave), and removed when the agent exits.
 */
final class PidFile {
  private PidFile() {}

  static void write(Path file) {
    if (file == null) return;
    try {
      Files.writeString(file, Long.toString(ProcessHandle.current().pid()));
    } catch (IOException e) {
      throw new ConfigException("Could not open pid file: " + file + ": " + e.getMessage());
    }
  }

  static void delete(Path file) {
    if (file == null) return;
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      java.util.logging.Logger.getLogger(PidFile.class.getName())
          .warning("Could not remove pid file: " + file + ": " + e.getMessage());
    }
  }
}
