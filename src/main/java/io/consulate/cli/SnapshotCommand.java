package io.consulate.cli;

import io.consulate.store.SnapshotArchive;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code consulate snapshot save|restore|inspect}: backups of the whole state, as Consul's {@code snapshot} command. */
@Command(name = "snapshot", description = "Save, restore and inspect snapshots of the cluster's state.", mixinStandardHelpOptions = true,
    subcommands = {SnapshotCommand.Save.class, SnapshotCommand.Restore.class, SnapshotCommand.Inspect.class})
public final class SnapshotCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "save", description = "Save a snapshot of the state to FILE, verified.", mixinStandardHelpOptions = true)
  static final class Save extends HttpCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() throws Exception {
      HttpResponse<byte[]> res = exchange("GET", "/v1/snapshot", null);
      requireOk(res);
      // Verified before it lands: a broken transfer never replaces a good backup.
      SnapshotArchive archive = SnapshotArchive.read(res.body());
      Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".snapshot", ".tmp");
      Files.write(tmp, res.body());
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      System.out.println("Saved and verified snapshot to index " + archive.meta().getLong("Index"));
      return 0;
    }
  }

  @Command(name = "restore", description = "Replace the cluster's state with FILE's.", mixinStandardHelpOptions = true)
  static final class Restore extends HttpCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() throws Exception {
      byte[] archive = Files.readAllBytes(file);
      SnapshotArchive.read(archive); // a damaged file is refused here, before it reaches the agent
      requireOk(exchange("PUT", "/v1/snapshot", archive));
      System.out.println("Restored snapshot");
      return 0;
    }
  }

  @Command(name = "inspect", description = "Print a snapshot file's index and contents.", mixinStandardHelpOptions = true)
  static final class Inspect implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() throws IOException {
      SnapshotArchive archive = SnapshotArchive.read(Files.readAllBytes(file));
      JsonObject meta = archive.meta();
      row("Index", meta.getValue("Index"));
      row("Size", Files.size(file));
      row("Version", meta.getValue("Version"));
      row("Datacenter", meta.getValue("Datacenter"));
      row("Node", meta.getValue("Node"));
      row("Time", meta.getValue("Time"));
      for (Map.Entry<String, Integer> e : archive.counts().entrySet()) row(e.getKey(), e.getValue());
      return 0;
    }

    private static void row(String name, Object value) {
      System.out.printf(" %-12s %s%n", name, value);
    }
  }
}
