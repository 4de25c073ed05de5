package io.consulate.template;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;

/**
 * Writes a rendered file only when its content changed, atomically: a temporary file in the same directory,
 * given the old file's permissions (0644 for a new one), renamed over the target. Readers such as nginx never
 * see a half-written file.
 */
final class OutputFile {
  private static final Set<PosixFilePermission> DEFAULT = PosixFilePermissions.fromString("rw-r--r--");

  private OutputFile() {}

  /** Returns whether the file was (re)written. */
  static boolean write(Path target, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    Path file = target.toAbsolutePath();
    if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), bytes)) return false;
    Path dir = file.getParent();
    Files.createDirectories(dir);
    Set<PosixFilePermission> perms = Files.exists(file) ? Files.getPosixFilePermissions(file) : DEFAULT;
    Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    try {
      Files.write(temp, bytes);
      Files.setPosixFilePermissions(temp, perms);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    return true;
  }
}
