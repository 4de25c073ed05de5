package io.consulate.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.agent.Agent;
import io.consulate.agent.TestAgent;
import io.consulate.http.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner against a real agent: -once, following instance changes, commands, permissions, broken templates. */
class TemplateEndToEndTest {
  private static final String UPSTREAM = "upstream test-cluster {\n{{- range service \"web\" }}\n  server {{ .Address }}:{{ .Port }};\n{{- end }}\n}\n";

  @TempDir Path dir;
  private Agent agent;
  private ApiClient api;

  @BeforeEach
  void start() throws Exception {
    agent = TestAgent.startDev();
    api = new ApiClient(agent.httpPort());
    TestAgent.awaitTrue(() -> api.get("/v1/catalog/service/consul").bodyAsJsonArray().size() == 1); // the server's own service
    register("web-1", 8081);
  }

  @AfterEach
  void stop() throws Exception {
    api.close();
    TestAgent.stop(agent);
  }

  @Test
  void onceRendersTheRegisteredInstancesAndExits() throws Exception {
    Path out = dir.resolve("conf/upstream.conf");
    assertEquals(0, runner(true).run(List.of(spec(UPSTREAM, out, "echo done > " + dir.resolve("ran")))));
    assertEquals("upstream test-cluster {\n  server 127.0.0.1:8081;\n}\n", Files.readString(out));
    assertEquals("done", Files.readString(dir.resolve("ran")).strip(), "the command ran before -once exited");
  }

  @Test
  void watchFollowsInstancesKeepsPermissionsAndRunsTheCommandOnlyOnChange() throws Exception {
    Path out = dir.resolve("upstream.conf");
    Files.writeString(out, "old");
    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-------"));
    Path log = dir.resolve("commands.log");
    Runner runner = runner(false);
    CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> runUnchecked(runner, spec(UPSTREAM, out, "echo run >> " + log)));
    try {
      awaitContent(out, "upstream test-cluster {\n  server 127.0.0.1:8081;\n}\n");
      register("web-2", 8082);
      awaitContent(out, "upstream test-cluster {\n  server 127.0.0.1:8081;\n  server 127.0.0.1:8082;\n}\n");
      api.put("/v1/agent/service/deregister/web-1", "");
      awaitContent(out, "upstream test-cluster {\n  server 127.0.0.1:8082;\n}\n");
      await(() -> lines(log) == 3, "a command per change");
      api.put("/v1/agent/service/register", "{\"ID\":\"other\",\"Name\":\"other\",\"Port\":1}");
      Thread.sleep(500); // a change the template does not read must not rewrite the file or run the command
      assertEquals(3, lines(log));
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
    } finally {
      runner.stop();
    }
    assertEquals(0, run.get(10, TimeUnit.SECONDS));
  }

  @Test
  void nodeAndServicesFunctionsReadTheCatalog() throws Exception {
    Path out = dir.resolve("catalog.txt");
    String template = "{{ with node }}{{ .Node.Node }}{{ range .Services }} {{ .ID }}{{ end }}{{ end }}\n"
        + "{{ range services }}{{ .Name }};{{ end }}\n{{ range nodes }}{{ .Node }}{{ end }}";
    assertEquals(0, runner(true).run(List.of(spec(template, out, null))));
    assertEquals("test-node consul web-1\nconsul;web;\ntest-node", Files.readString(out));
  }

  @Test
  void aBrokenTemplateExitsNonZeroAndWritesNothing() throws Exception {
    Path out = dir.resolve("broken.out");
    assertEquals(1, runner(true).run(List.of(spec("upstream x {\n{{range service \"web\"}\n}\n", out, null))));
    assertFalse(Files.exists(out));
  }

  @Test
  void anUnreachableAgentIsRetriedWithoutExiting() throws Exception {
    Runner runner = new Runner(new ConsulClient("127.0.0.1:1"), false, Runner.noWait(), Map.of());
    CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> runUnchecked(runner, spec(UPSTREAM, dir.resolve("x"), null)));
    Thread.sleep(1500);
    assertFalse(run.isDone(), "still running after a failed request");
    runner.stop();
    assertEquals(0, run.get(10, TimeUnit.SECONDS));
  }

  private Runner runner(boolean once) {
    return new Runner(new ConsulClient("127.0.0.1:" + agent.httpPort()), once, Runner.noWait(), Map.of());
  }

  private TemplateSpec spec(String template, Path out, String command) {
    try {
      Path in = Files.createTempFile(dir, "in", ".ctmpl");
      Files.writeString(in, template);
      return new TemplateSpec(in, out, command);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static int runUnchecked(Runner runner, TemplateSpec spec) {
    try {
      return runner.run(List.of(spec));
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private void register(String id, int port) throws Exception {
    int status = api.put("/v1/agent/service/register", "{\"ID\":\"" + id + "\",\"Name\":\"web\",\"Address\":\"127.0.0.1\",\"Port\":" + port + "}").statusCode();
    assertEquals(200, status);
  }

  private static long lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    } catch (java.io.IOException e) {
      return -1;
    }
  }

  private static void awaitContent(Path file, String expected) throws InterruptedException {
    await(() -> {
      try {
        return Files.exists(file) && Files.readString(file).equals(expected);
      } catch (java.io.IOException e) {
        return false;
      }
    }, "content of " + file + ":\n" + expected);
  }

  private static void await(Supplier<Boolean> condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.get()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
      Thread.sleep(50);
    }
  }
}
