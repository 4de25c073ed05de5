package io.consulate.agent;

import io.consulate.json.Fields;
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
 * The agent's API registrations in its data dir, one file per service ({@code services/<sha256 of id>.json},
 * as Consul lays them out), so a restarted agent restores them. Files are replaced atomically; callers run
 * these methods off the event loop.
 */
final class RegistrationFiles {
  private static final Logger LOG = Logger.getLogger(RegistrationFiles.class.getName());
  private final Path dir;

  RegistrationFiles(Path dataDir) {
    this.dir = dataDir.resolve("services");
  }

  void save(ServiceDefinition service) throws IOException {
    Files.createDirectories(dir);
    Path target = fileOf(service.id());
    Path tmp = dir.resolve(target.getFileName() + ".tmp");
    Files.writeString(tmp, DefinitionEncoder.service(service).encode(), StandardCharsets.UTF_8);
    try {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  void delete(String serviceId) throws IOException {
    Files.deleteIfExists(fileOf(serviceId));
  }

  /** Every readable saved service; an unreadable file is reported and skipped, never fatal. */
  List<ServiceDefinition> load() throws IOException {
    List<ServiceDefinition> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) return out;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        try {
          out.add(DefinitionDecoder.service(Fields.parse(Files.readString(f))));
        } catch (RuntimeException e) {
          LOG.warning("skipping unreadable saved service " + f + ": " + e.getMessage());
        }
      }
    }
    return out;
  }

  private Path fileOf(String serviceId) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(serviceId.getBytes(StandardCharsets.UTF_8));
      return dir.resolve(HexFormat.of().formatHex(digest) + ".json");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
