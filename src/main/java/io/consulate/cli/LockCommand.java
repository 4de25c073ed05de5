package io.consulate.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code consulate lock PREFIX CMD...}: as {@code consul lock}, holds {@code PREFIX/.lock} through a 15s TTL
 * session (renewed at half the TTL) while CMD runs in a shell, then releases it and exits with CMD's status.
 * If the session is lost, CMD is killed and the exit status is 1.
 */
@Command(name = "lock", description = "Run a command while holding a lock in the KV store.", mixinStandardHelpOptions = true)
public final class LockCommand extends HttpCommand implements Callable<Integer> {
  private static final long TTL_SECONDS = 15;

  @Parameters(index = "0", paramLabel = "PREFIX")
  String prefix;
  @Parameters(index = "1..*", arity = "1..*", paramLabel = "CMD")
  List<String> command;

  @Override
  public Integer call() throws Exception {
    String key = prefix.endsWith("/") ? prefix + ".lock" : prefix + "/.lock";
    String session = new JsonObject(send("PUT", "/v1/session/create", new JsonObject()
        .put("Name", "Consul lock for " + String.join(" ", command) + " at " + prefix)
        .put("TTL", TTL_SECONDS + "s").encode())).getString("ID");
    ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "session-renew");
      t.setDaemon(true);
      return t;
    });
    Process[] child = new Process[1];
    boolean[] lost = new boolean[1];
    renewer.scheduleAtFixedRate(() -> {
      try {
        if (exchange("PUT", "/v1/session/renew/" + session, null).statusCode() == 404) {
          lost[0] = true;
          System.err.println("Lock lost, killing child");
          if (child[0] != null) child[0].destroy();
        }
      } catch (Exception e) {
        System.err.println("==> session renewal failed: " + e.getMessage());
      }
    }, TTL_SECONDS * 500, TTL_SECONDS * 500, TimeUnit.MILLISECONDS);
    Thread cleanup = new Thread(() -> release(key, session, child[0]), "lock-release");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      acquire(key, session);
      child[0] = Shell.start(command, null, null);
      int code = child[0].waitFor();
      return lost[0] ? 1 : code;
    } finally {
      renewer.shutdownNow();
      Runtime.getRuntime().removeShutdownHook(cleanup);
      release(key, session, null);
    }
  }

  /** Tries to acquire; while another session holds the key, waits for a change to it (blocking query). */
  private void acquire(String key, String session) throws Exception {
    String path = KvCommand.path(key);
    while (true) {
      HttpResponse<byte[]> res = exchange("PUT", path + "?acquire=" + session, new byte[0]);
      KvCommand.requireOk(res);
      if ("true".equals(KvCommand.text(res).trim())) return;
      HttpResponse<byte[]> current = exchange("GET", path, null);
      String index = current.headers().firstValue("X-Consul-Index").orElse("0");
      boolean held = current.statusCode() == 200 && new JsonArray(KvCommand.text(current)).getJsonObject(0).containsKey("Session");
      if (held) exchange("GET", path + "?index=" + index + "&wait=15s", null);
      else Thread.sleep(1000); // free but refused: a lock delay is running
    }
  }

  private void release(String key, String session, Process child) {
    try {
      if (child != null) child.destroy();
      exchange("PUT", KvCommand.path(key) + "?release=" + session, new byte[0]);
      exchange("PUT", "/v1/session/destroy/" + session, null);
    } catch (Exception e) {
      System.err.println("==> cannot release the lock: " + e.getMessage());
    }
  }

  private String send(String method, String path, String body) throws Exception {
    HttpResponse<byte[]> res = exchange(method, path, body.getBytes(StandardCharsets.UTF_8));
    KvCommand.requireOk(res);
    return KvCommand.text(res);
  }
}
