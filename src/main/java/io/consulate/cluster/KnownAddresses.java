package io.consulate.cluster;

import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The addresses of the servers this agent last knew, kept in its data dir (Consul's serf snapshot) so that
 * {@code -rejoin} finds its cluster again after a restart. A graceful leave is remembered too: without
 * {@code -rejoin}, an agent that left does not rejoin on its own, as in Consul.
 */
public final class KnownAddresses {
  private static final Logger LOG = Logger.getLogger(KnownAddresses.class.getName());
  private final Path file;
  private final Path leftMarker;
  private List<String> saved = List.of();

  /** {@code dataDir} null: nothing is kept (an in-memory agent). */
  public KnownAddresses(Path dataDir) {
    this.file = dataDir == null ? null : dataDir.resolve("serf").resolve("servers.json");
    this.leftMarker = dataDir == null ? null : dataDir.resolve("serf").resolve("left");
  }

  /** What to rejoin at start: the saved servers, unless this agent left and {@code rejoin} is not set. */
  public List<String> toRejoin(boolean rejoin) {
    if (file == null || !Files.isRegularFile(file)) return List.of();
    if (Files.exists(leftMarker) && !rejoin) return List.of();
    try {
      List<String> out = new ArrayList<>();
      for (Object o : new JsonArray(Files.readString(file))) out.add(String.valueOf(o));
      return out;
    } catch (IOException | RuntimeException e) {
      LOG.warning("ignoring " + file + ": " + e.getMessage());
      return List.of();
    }
  }

  /** Saves the servers' join addresses when they changed; blocks (file IO). */
  public synchronized void save(List<String> servers) {
    if (file == null || servers.isEmpty() || servers.equals(saved)) return;
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling("servers.json.tmp");
      Files.writeString(tmp, new JsonArray(new ArrayList<>(servers)).encode(), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      Files.deleteIfExists(leftMarker);
      saved = List.copyOf(servers);
    } catch (IOException e) {
      LOG.warning("cannot save the known servers in " + file + ": " + e.getMessage());
    }
  }

  /** Records a graceful leave; blocks. */
  public void left() {
    if (leftMarker == null) return;
    try {
      Files.createDirectories(leftMarker.getParent());
      Files.writeString(leftMarker, "");
    } catch (IOException e) {
      LOG.warning("cannot record the leave in " + leftMarker + ": " + e.getMessage());
    }
  }

  /** The join addresses ({@code host:serf port}) of the servers among {@code members}. */
  public static List<String> serversOf(List<Member> members) {
    List<String> out = new ArrayList<>();
    for (Member m : members) if (m.server() && m.status() != Member.LEFT) out.add(m.address() + ":" + m.port());
    out.sort(null);
    return out;
  }
}
