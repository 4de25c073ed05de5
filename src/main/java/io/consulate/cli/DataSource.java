package io.consulate.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Consul's {@code helpers.LoadDataSource}: an argument that is literal data, {@code @file}, or {@code -} for stdin. */
final class DataSource {
  private DataSource() {}

  static String read(String arg) throws IOException {
    if (arg.startsWith("@")) {
      try {
        return Files.readString(Path.of(arg.substring(1)));
      } catch (IOException e) {
        throw new IOException("Failed to read file: " + e.getMessage());
      }
    }
    if (arg.equals("-")) {
      try {
        return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IOException("Failed to read stdin: " + e.getMessage());
      }
    }
    return arg;
  }
}
