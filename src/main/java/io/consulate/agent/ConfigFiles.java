package io.consulate.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Which config files are read, in which order and format, as Consul's agent/config builder decides
 * ({@code sourcesFromPath}): the {@code -config-file} files, then each {@code -config-dir}, whose files (not its
 * subdirectories) are read in lexical order; a {@code -config-dir} that names a file is that one file. A file's format
 * is its extension's ({@code .json}, {@code .hcl}) unless {@code -config-format} forces one on every file; without
 * it, a directory's file of another extension is skipped with a warning and a named one is an error.
 */
final class ConfigFiles {
  private static final Logger LOG = Logger.getLogger(ConfigFiles.class.getName());

  /** One file to read and the format it is read in. */
  record ConfigFile(Path path, ConfigFormat format) {
    String text() {
      try {
        return Files.readString(path);
      } catch (IOException e) {
        throw new ConfigException(path + ": cannot read: " + e.getMessage());
      }
    }
  }

  private ConfigFiles() {}

  /** The files in order; a missing file or directory is an error naming it. {@code forced} may be null. */
  static List<ConfigFile> list(List<Path> files, List<Path> dirs, ConfigFormat forced) {
    List<ConfigFile> out = new ArrayList<>();
    for (Path f : files) {
      if (!Files.isRegularFile(f)) throw new ConfigException(f + ": config file not found");
      out.add(named(f, forced));
    }
    for (Path d : dirs) {
      if (Files.isRegularFile(d)) {
        out.add(named(d, forced));
        continue;
      }
      if (!Files.isDirectory(d)) throw new ConfigException(d + ": config directory not found");
      try (Stream<Path> list = Files.list(d)) {
        list.filter(Files::isRegularFile).sorted().forEach(p -> {
          ConfigFormat format = forced != null ? forced : ConfigFormat.ofExtension(p);
          if (format != null) out.add(new ConfigFile(p, format));
          else LOG.warning("skipping file " + p + ", extension must be .hcl or .json, or config format must be set");
        });
      } catch (IOException e) {
        throw new ConfigException(d + ": cannot list config directory: " + e.getMessage());
      }
    }
    return out;
  }

  private static ConfigFile named(Path file, ConfigFormat forced) {
    ConfigFormat format = forced != null ? forced : ConfigFormat.ofExtension(file);
    if (format == null) {
      throw new ConfigException(
          "file " + file + " has unknown extension; must be .hcl or .json, or config format must be set");
    }
    return new ConfigFile(file, format);
  }
}
