package io.consulate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.consulate.agent.Agent;
import io.consulate.agent.TestAgent;
import io.consulate.http.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The kv and lock commands against a running agent, run in-process as picocli runs them. */
class KvCliTest {
  private static Agent agent;
  private static ApiClient api;
  private static String addr;

  @BeforeAll
  static void start() throws Exception {
    agent = TestAgent.startDev();
    api = new ApiClient(agent.httpPort());
    addr = "127.0.0.1:" + agent.httpPort();
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
    TestAgent.stop(agent);
  }

  private static int run(Object command, String... args) {
    return new CommandLine(command).execute(args);
  }

  @Test
  void putGetDelete() throws Exception {
    assertEquals(0, run(new KvCommand(), "put", "-http-addr", addr, "cli/a b", "value with spaces"));
    assertEquals("value with spaces", api.get("/v1/kv/cli/a%20b?raw").bodyAsString());
    assertEquals(1, run(new KvCommand(), "get", "-http-addr", addr, "cli/missing"));
    assertEquals(0, run(new KvCommand(), "delete", "-http-addr", addr, "-recurse", "cli/"));
    assertEquals(404, api.get("/v1/kv/cli/a%20b").statusCode());
  }

  @Test
  void lockRunsTheCommandWhileHoldingTheKeyAndReleasesIt(@TempDir Path dir) throws Exception {
    Path seen = dir.resolve("seen");
    int code = run(new LockCommand(), "-http-addr", addr, "locks/job",
        "curl -s http://" + addr + "/v1/kv/locks/job/.lock > " + seen + "; exit 3");
    assertEquals(3, code, "lock exits with the command's status");
    assertEquals(true, Files.readString(seen).contains("\"Session\""), "the key was held while the command ran");
    assertFalse(api.get("/v1/kv/locks/job/.lock").bodyAsJsonArray().getJsonObject(0).containsKey("Session"));
    assertEquals("[]", api.get("/v1/session/list").bodyAsString(), "the session is destroyed");
  }
}
