package io.consulate.cluster;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Who the Raft group's servers are when this server starts (Consul's bootstrap): the list saved in the data dir
 * by an earlier start; else, with {@code -bootstrap-expect N}, the first N servers seen together in the LAN
 * view (all of them pick the same N, the only way they agree on one group); else the group its leader
 * published, joined by this server (the leader then adds it). Saved once found, so a restart needs nobody.
 */
public final class RaftPeers {
  /** Server names and their RPC addresses ({@code host:port}). */
  public record Found(List<String> names, List<String> addresses) {}

  private static final String FILE = "peers.json";
  private final Path dir;
  private final Membership membership;
  private final int bootstrapExpect;
  private final Member self;

  /** {@code dir} null: nothing is saved (an in-memory server). */
  public RaftPeers(Path dir, Membership membership, int bootstrapExpect, Member self) {
    this.dir = dir;
    this.membership = membership;
    this.bootstrapExpect = bootstrapExpect;
    this.self = self;
  }

  /** Whether an earlier start saved the group. */
  public boolean known() {
    return dir != null && Files.exists(dir.resolve(FILE));
  }

  /** Finds the group; file IO runs off the calling thread. */
  public CompletionStage<Found> find() {
    return CompletableFuture.supplyAsync(this::saved).thenCompose(saved -> {
      if (saved != null) return CompletableFuture.completedFuture(saved);
      CompletionStage<Map<String, String>> group = bootstrapExpect > 0
          ? membership.awaitServers(bootstrapExpect).thenCompose(this::bootstrapOrJoin)
          : publishedGroup();
      return group.thenApplyAsync(this::save);
    });
  }

  /** The group a leader published, plus this server; addresses of those the LAN knows. */
  private CompletionStage<Map<String, String>> publishedGroup() {
    return membership.awaitServers(1).thenCompose(x -> {
      CompletableFuture<Map<String, String>> found = new CompletableFuture<>();
      membership.onTick(() -> {
        List<String> published = membership.publishedRaftMembers();
        if (published.isEmpty()) return false;
        Map<String, String> group = new TreeMap<>();
        for (Member m : membership.members()) if (published.contains(m.name())) group.put(m.name(), m.serverAddress());
        for (String name : published) group.putIfAbsent(name, "");
        group.put(self.name(), self.serverAddress());
        return found.complete(group);
      });
      return found;
    });
  }

  /**
   * With enough servers seen: if a group already has a leader (it published its members), this server joins it,
   * as Consul's bootstrap_expect checks the peers it sees first; otherwise the first {@code bootstrapExpect} by
   * name form the group, and a server outside them waits for it to publish, then joins.
   */
  private CompletionStage<Map<String, String>> bootstrapOrJoin(List<Member> servers) {
    if (!membership.publishedRaftMembers().isEmpty()) return publishedGroup();
    Map<String, String> all = new TreeMap<>();
    for (Member m : servers) all.put(m.name(), m.serverAddress());
    Map<String, String> first = new TreeMap<>();
    for (Map.Entry<String, String> e : all.entrySet()) if (first.size() < bootstrapExpect) first.put(e.getKey(), e.getValue());
    return first.containsKey(self.name()) ? CompletableFuture.completedFuture(first) : publishedGroup();
  }

  private Found saved() {
    if (!known()) return null;
    try {
      JsonObject j = new JsonObject(Files.readString(dir.resolve(FILE)));
      Map<String, String> group = new TreeMap<>();
      j.forEach(e -> group.put(e.getKey(), String.valueOf(e.getValue())));
      return found(group);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot read the Raft peers in " + dir.resolve(FILE) + ": " + e.getMessage());
    }
  }

  private Found save(Map<String, String> group) {
    if (dir != null) {
      try {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(FILE + ".tmp");
        Files.writeString(tmp, new JsonObject(new java.util.LinkedHashMap<>(group)).encodePrettily(), StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(FILE), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot save the Raft peers in " + dir, e);
      }
    }
    return found(group);
  }

  private static Found found(Map<String, String> group) {
    List<String> addresses = new ArrayList<>();
    for (String a : group.values()) if (!a.isEmpty()) addresses.add(a);
    return new Found(new ArrayList<>(group.keySet()), addresses);
  }
}
