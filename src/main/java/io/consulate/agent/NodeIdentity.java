package io.consulate.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** The node's UUID, kept in {@code <data-dir>/node-id} as Consul does so it survives restarts. */
final class NodeIdentity {
  private NodeIdentity() {}

  static String load(Path dataDir) throws IOException {
    if (dataDir == null) return UUID.randomUUID().toString();
    Path file = dataDir.resolve("node-id");
    if (Files.isRegularFile(file)) {
      String id = Files.readString(file).trim();
      try {
        return UUID.fromString(id).toString();
      } catch (IllegalArgumentException e) {
        throw new ConfigException(file + ": not a UUID: \"" + id + "\"");
      }
    }
    Files.createDirectories(dataDir);
    String id = UUID.randomUUID().toString();
    Files.writeString(file, id);
    return id;
  }
}
