package io.consulate.local;

import io.consulate.json.Fields;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Registrations the agent saves in its data dir, one JSON file per id ({@code <dir>/<sha256 of id>.json}, as
 * Consul lays out {@code services/} and {@code checks/}), so a restarted agent restores them. Files are replaced
 * atomically; callers run these methods off the event loop.
 */
final class RegistrationFiles {
  private static final Logger LOG = Logger.getLogger(RegistrationFiles.class.getName());
  private final Path dir;

  RegistrationFiles(Path dir) {
    this.dir = dir;
  }

  void save(String id, JsonObject json) throws IOException {
    Files.createDirectories(dir);
    Path target = fileOf(id);
    Path tmp = dir.resolve(target.getFileName() + ".tmp");
    Files.writeString(tmp, json.encode(), StandardCharsets.UTF_8);
    try {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  void delete(String id) throws IOException {
    Files.deleteIfExists(fileOf(id));
  }

  /** Every saved registration, decoded by {@code decoder}; an unreadable file is reported and skipped. */
  <T> List<T> load(java.util.function.Function<Fields, T> decoder) throws IOException {
    List<T> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) return out;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        try {
          out.add(decoder.apply(Fields.parse(Files.readString(f))));
        } catch (RuntimeException e) {
          LOG.warning("skipping unreadable saved registration " + f + ": " + e.getMessage());
        }
      }
    }
    return out;
  }

  private Path fileOf(String id) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      return dir.resolve(HexFormat.of().formatHex(digest) + ".json");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
