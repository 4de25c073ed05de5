package io.consulate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.agent.TestAgent;
import io.vertx.core.json.JsonArray;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kv commands against a running agent, with Consul's output and exit codes. */
class KvCliTest {
  private static CliAgent dev;

  @BeforeAll
  static void start() throws Exception {
    dev = CliAgent.start();
  }

  @AfterAll
  static void stop() throws Exception {
    dev.close();
  }

  @Test
  void putGetDelete() throws Exception {
    assertEquals(new Cli.Result(0, "Success! Data written to: cli/a b\n", ""),
        Cli.run("kv", "put", "-http-addr", dev.addr, "cli/a b", "value with spaces"));
    assertEquals("value with spaces", dev.api.get("/v1/kv/cli/a%20b?raw").bodyAsString());
    assertEquals(new Cli.Result(0, "value with spaces\n", ""), Cli.run("kv", "get", "-http-addr", dev.addr, "/cli/a b"));
    assertEquals(new Cli.Result(1, "", "Error! No key exists at: cli/missing\n"),
        Cli.run("kv", "get", "-http-addr", dev.addr, "cli/missing"));
    assertEquals(new Cli.Result(1, "", "Error! Missing KEY argument\n"), Cli.run("kv", "get", "-http-addr", dev.addr));
    assertEquals(0, Cli.run("kv", "delete", "-http-addr", dev.addr, "-recurse", "cli/").code());
    assertEquals(404, dev.api.get("/v1/kv/cli/a%20b").statusCode());
  }

  @Test
  void getDetailedBase64KeysAndRecurse() throws Exception {
    Cli.run("kv", "put", "-http-addr", dev.addr, "-flags", "42", "get/a", "one");
    Cli.run("kv", "put", "-http-addr", dev.addr, "get/b/c", "two");
    long index = dev.api.get("/v1/kv/get/a").bodyAsJsonArray().getJsonObject(0).getLong("ModifyIndex");
    assertEquals("CreateIndex      " + index + "\nFlags            42\nKey              get/a\nLockIndex        0\n"
        + "ModifyIndex      " + index + "\nSession          -\nValue            b25l\n",
        Cli.run("kv", "get", "-http-addr", dev.addr, "-detailed", "-base64", "get/a").out());
    assertEquals("b25l\n", Cli.run("kv", "get", "-http-addr", dev.addr, "-base64", "get/a").out());
    assertEquals("get/a\nget/b/\n", Cli.run("kv", "get", "-http-addr", dev.addr, "-keys", "get/").out());
    assertEquals("get/a:one\nget/b/c:two\n", Cli.run("kv", "get", "-http-addr", dev.addr, "-recurse", "get/").out());
    assertEquals(new Cli.Result(0, "", ""), Cli.run("kv", "get", "-http-addr", dev.addr, "-recurse", "nothing/"));
  }

  @Test
  void exportThenImportUnderAPrefix(@TempDir Path dir) throws Exception {
    Cli.run("kv", "put", "-http-addr", dev.addr, "-flags", "7", "exp/x", "hello");
    Cli.run("kv", "put", "-http-addr", dev.addr, "exp/y", "");
    Cli.Result exported = Cli.run("kv", "export", "-http-addr", dev.addr, "exp/");
    assertEquals("[\n\t{\n\t\t\"key\": \"exp/x\",\n\t\t\"flags\": 7,\n\t\t\"value\": \"aGVsbG8=\"\n\t},\n"
        + "\t{\n\t\t\"key\": \"exp/y\",\n\t\t\"flags\": 0,\n\t\t\"value\": \"\"\n\t}\n]\n", exported.out());
    assertEquals("[]\n", Cli.run("kv", "export", "-http-addr", dev.addr, "none/").out());

    Files.writeString(dir.resolve("kv.json"), exported.out());
    assertEquals(new Cli.Result(0, "Imported: copy/exp/x\nImported: copy/exp/y\n", ""),
        Cli.run("kv", "import", "-http-addr", dev.addr, "-prefix", "copy", "@" + dir.resolve("kv.json")));
    assertEquals("hello", dev.api.get("/v1/kv/copy/exp/x?raw").bodyAsString());
    assertEquals(7, dev.api.get("/v1/kv/copy/exp/x").bodyAsJsonArray().getJsonObject(0).getLong("Flags"));
    assertEquals(new Cli.Result(0, "Imported: stdin/k\n", ""), Cli.runWithStdin(
        "[{\"key\":\"stdin/k\",\"flags\":0,\"value\":\"dg==\"}]", "kv", "import", "-http-addr", dev.addr, "-"));
    assertEquals("v", dev.api.get("/v1/kv/stdin/k?raw").bodyAsString());
    assertEquals(1, Cli.run("kv", "import", "-http-addr", dev.addr, "not json").code());
    assertEquals(new Cli.Result(1, "", "Error! Missing DATA argument\n"), Cli.run("kv", "import", "-http-addr", dev.addr));
  }

  @Test
  void lockRunsTheCommandWhileHoldingTheKeyAndReleasesIt(@TempDir Path dir) throws Exception {
    Path seen = dir.resolve("seen");
    String child = "curl -s http://" + dev.addr + "/v1/kv/locks/job/.lock > " + seen + "; echo $CONSUL_LOCK_HELD >> "
        + seen + "; exit 3";
    assertEquals(0, Cli.run("lock", "-http-addr", dev.addr, "locks/job", child).code(),
        "Consul's lock exits 0 once released, whatever the child did");
    String held = Files.readString(seen);
    assertTrue(held.contains("\"Session\""), "the key was held while the command ran: " + held);
    assertTrue(held.contains(Long.toUnsignedString(KvMutex.FLAGS)), "with Consul's lock flags: " + held);
    assertTrue(held.endsWith("true\n"), "CONSUL_LOCK_HELD is set for the child");
    assertEquals(2, Cli.run("lock", "-http-addr", dev.addr, "-child-exit-code", "locks/job", "exit 3").code());
    assertEquals(404, dev.api.get("/v1/kv/locks/job/.lock").statusCode(), "the unused lock key is cleaned up");
    assertEquals("[]", dev.api.get("/v1/session/list").bodyAsString(), "the sessions are destroyed");
  }

  @Test
  void aLostLockEndsTheChild() throws Exception {
    Cli.Running lock = Cli.start(null, "lock", "-http-addr", dev.addr, "locks/lost", "exec sleep 30");
    TestAgent.awaitTrue(() -> dev.api.get("/v1/kv/locks/lost/.lock").statusCode() == 200
        && dev.api.get("/v1/kv/locks/lost/.lock").bodyAsString().contains("\"Session\""));
    String session = dev.api.get("/v1/session/list").bodyAsJsonArray().getJsonObject(0).getString("ID");
    long t0 = System.nanoTime();
    dev.api.put("/v1/session/destroy/" + session, "");
    assertEquals(0, lock.await().code(), "Consul's lock exits 0 after it killed the child");
    assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "the child was killed, not waited for");
  }

  @Test
  void lockTimesOutWhileAnotherHoldsIt(@TempDir Path dir) throws Exception {
    Path started = dir.resolve("started");
    Cli.Running holder = Cli.start(null, "lock", "-http-addr", dev.addr, "locks/busy",
        "touch " + started + "; sleep 3");
    TestAgent.awaitTrue(() -> Files.exists(started));
    long t0 = System.nanoTime();
    // The holder's streams are captured; the second command prints into the same capture.
    Cli.Running waiter = Cli.start(null, "lock", "-http-addr", dev.addr, "-timeout", "500ms", "locks/busy", "true");
    Cli.Result timedOut = waiter.await();
    assertEquals(1, timedOut.code());
    assertTrue(timedOut.err().contains("Shutdown triggered or timeout during lock acquisition"), timedOut.err());
    assertTrue(System.nanoTime() - t0 < 2_500_000_000L, "gave up at the timeout, not when the holder finished");
    assertEquals(0, holder.await().code());
  }

  @Test
  void semaphoreAdmitsNHoldersAtOnce(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    // Each child waits until both hold a slot, which only a semaphore of 2 allows.
    Cli.Running first = Cli.start(null, "lock", "-http-addr", dev.addr, "-n", "2", "sem/job",
        "touch " + a + "; for i in $(seq 100); do [ -f " + b + " ] && exit 0; sleep 0.1; done; exit 1");
    Cli.Running second = Cli.start(null, "lock", "-http-addr", dev.addr, "-n", "2", "-child-exit-code", "sem/job",
        "touch " + b + "; for i in $(seq 100); do [ -f " + a + " ] && exit 0; sleep 0.1; done; exit 1");
    assertEquals(0, second.await().code(), "both held a slot at once");
    assertEquals(0, first.await().code());
    assertTrue(Files.exists(a) && Files.exists(b));
    JsonArray left = dev.api.get("/v1/kv/sem/job?recurse").statusCode() == 404 ? new JsonArray()
        : dev.api.get("/v1/kv/sem/job?recurse").bodyAsJsonArray();
    assertFalse(left.encode().contains("\"Session\""), "no contender entry is left: " + left.encode());
    assertEquals(new Cli.Result(1, "", "Lock holder limit must be positive\n"),
        Cli.run("lock", "-http-addr", dev.addr, "-n", "0", "sem/job", "true"));
  }
}
