package io.consulate.chaos;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The nemesis's hands: kill -9 and restart of an agent process, and partitions of the servers by nftables.
 *
 * <p>Partitions drop packets on the loopback input hook between the nodes' own addresses (127.0.0.11..13), in both
 * directions, in one table that a heal deletes. That cuts a connection only if both ends use their node's
 * address: run.sh makes JGroups bind its client sockets to the node's address
 * ({@code -Djgroups.tcp.client_bind_addr}); the HTTP clients come from 127.0.0.1 and are never cut.
 *
 * <p>Agents are started and restarted by {@code run.sh start-node}, so the command line lives in one place;
 * their pids are in {@code <dir>/nN.pid}.
 */
final class Nemesis {
  static final String TABLE = "consulate_chaos";
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);

  private final Path dir;
  private final Path runScript;
  private final ConsulHttp http;

  Nemesis(Path dir, Path runScript, ConsulHttp http) {
    this.dir = dir;
    this.runScript = runScript;
    this.http = http;
  }

  /** The leader as most answering nodes name it, from {@code /v1/status/leader} ("ip:port"), if any. */
  Optional<String> leader(List<String> nodes) {
    Map<String, Integer> votes = new HashMap<>();
    for (String node : nodes) {
      try {
        ConsulHttp.Reply reply = http.get(node, "/v1/status/leader");
        String answer = reply.ok() ? reply.body().replace("\"", "").trim() : "";
        if (answer.isEmpty()) continue;
        String ip = answer.substring(0, answer.lastIndexOf(':'));
        for (String candidate : nodes) if (ConsulHttp.address(candidate).equals(ip)) votes.merge(candidate, 1, Integer::sum);
      } catch (IOException | RuntimeException e) {
        // Down or unreachable: no vote.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
  }

  /** Whether the node answers HTTP and knows a leader. */
  boolean knowsLeader(String node) {
    try {
      ConsulHttp.Reply reply = http.get(node, "/v1/status/leader");
      return reply.ok() && !reply.body().replace("\"", "").isBlank();
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** kill -9 of the node's agent; returns once the process is gone. */
  void kill(String node) throws IOException, InterruptedException {
    long pid = Long.parseLong(Files.readString(dir.resolve(node + ".pid")).trim());
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty()) return;
    process.get().destroyForcibly(); // SIGKILL on Unix
    for (int i = 0; i < 100 && process.get().isAlive(); i++) Thread.sleep(100);
    if (process.get().isAlive()) throw new IOException(node + " (pid " + pid + ") survived kill -9");
  }

  /** Starts the node again with the command it was first started with, on the same data dir. */
  void restart(String node) throws IOException, InterruptedException {
    run(List.of("bash", runScript.toString(), "start-node", node.substring(1), dir.toString()), null);
  }

  /** Cuts every pair of nodes on different sides; replaces any earlier partition. */
  void partition(List<List<String>> sides) throws IOException, InterruptedException {
    StringBuilder rules = new StringBuilder();
    for (int a = 0; a < sides.size(); a++) {
      for (int b = a + 1; b < sides.size(); b++) {
        for (String x : sides.get(a)) {
          for (String y : sides.get(b)) {
            rules.append(drop(x, y)).append(drop(y, x));
          }
        }
      }
    }
    nft(reset() + "table inet " + TABLE + " {\n  chain input {\n    type filter hook input priority 0; policy accept;\n"
        + rules + "  }\n}\n");
  }

  void heal() throws IOException, InterruptedException {
    nft(reset());
  }

  private static String drop(String from, String to) {
    return "    iif lo ip saddr " + ConsulHttp.address(from) + " ip daddr " + ConsulHttp.address(to) + " drop\n";
  }

  /** Declaring the table first makes the delete succeed whether or not it existed, in one atomic nft run. */
  private static String reset() {
    return "table inet " + TABLE + " {}\ndelete table inet " + TABLE + "\n";
  }

  private static void nft(String script) throws IOException, InterruptedException {
    run(List.of("nft", "-f", "-"), script);
  }

  private static void run(List<String> command, String stdin) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (OutputStream in = p.getOutputStream()) {
      if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " did not finish");
    }
    if (p.exitValue() != 0) throw new IOException(String.join(" ", command) + " failed: " + output.trim());
  }
}
