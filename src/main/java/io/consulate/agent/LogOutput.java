package io.consulate.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Where the agent logs, from {@code -log-json}, {@code -log-file}, {@code -log-rotate-bytes} and
 * {@code -log-rotate-max-files}: always the console, and a file too when asked. The file rotates by size with
 * the JDK's {@link FileHandler}: the current file is {@code <name>-0.log}, older ones {@code <name>-1.log} and up,
 * keeping {@code max-files} of them besides the current one (see {@link #files}). A {@code -log-file} ending in "/" is a directory,
 * where the file is {@code consulate-0.log}, as Consul names {@code consul.log} there.
 */
final class LogOutput {
  static final int KEEP_ALL = 100;

  private LogOutput() {}

  static void apply(AgentConfig.LogSettings settings) {
    Formatter format = settings.json() ? new JsonLogFormatter() : new SimpleFormatter();
    Logger root = LogManager.getLogManager().getLogger("");
    for (Handler h : root.getHandlers()) h.setFormatter(format);
    if (settings.file() == null) return;
    String pattern = pattern(settings.file());
    try {
      Path parent = Path.of(pattern).toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      // JDK rotation: limit 0 never rotates; count is the number of files including the current one.
      int limit = (int) Math.min(Integer.MAX_VALUE, Math.max(0, settings.rotateBytes()));
      FileHandler file = new FileHandler(pattern, limit, files(settings.rotateMaxFiles()), true);
      file.setFormatter(format);
      file.setLevel(LogLevels.configured());
      root.addHandler(file);
    } catch (IOException e) {
      throw new ConfigException("cannot open log file " + settings.file() + ": " + e.getMessage());
    }
  }

  /**
   * Consul's {@code -log-rotate-max-files}: 0 keeps every archive (here: up to {@value #KEEP_ALL}, as the JDK's
   * handler renames each generation at every rotation), -1 keeps none, N keeps N.
   */
  static int files(int maxArchives) {
    if (maxArchives == 0) return KEEP_ALL + 1;
    return maxArchives < 0 ? 1 : maxArchives + 1;
  }

  /** The FileHandler pattern for a {@code -log-file} value: "%g" is the generation, 0 the current file. */
  static String pattern(String logFile) {
    String path = logFile.endsWith("/") ? logFile + "consulate.log" : logFile;
    int dot = path.lastIndexOf('.');
    boolean extension = dot > path.lastIndexOf('/') + 1;
    String base = extension ? path.substring(0, dot) : path;
    return base.replace("%", "%%") + "-%g" + (extension ? path.substring(dot) : ".log");
  }
}
