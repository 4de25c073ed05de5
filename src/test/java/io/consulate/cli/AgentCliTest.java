package io.consulate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** version, info, maint, force-leave, keygen, rtt, exec and the client flags every HTTP command takes. */
class AgentCliTest {
  private static final String PROTOCOL = "Protocol 3 spoken by default, understands 2 to 3\n";
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
  void versionSaysWhatItIsAndWhichConsulItAnswersAs() throws Exception {
    // Run from compiled classes: no jar manifest, so no build version or date to report.
    assertEquals(new Cli.Result(0, "Consulate (unpackaged build) (Consul 1.17.0 API)\n" + PROTOCOL, ""),
        Cli.run("version"));
    assertEquals(Cli.run("version").out(), Cli.run("--version").out());
    JsonObject json = new JsonObject(Cli.run("version", "-format", "json").out());
    assertEquals("1.17.0", json.getString("Version"));
    assertEquals(new JsonObject().put("Default", 3).put("Min", 2).put("Max", 3), json.getJsonObject("RPC"));
    assertEquals(new Cli.Result(1, "", "Unknown format: yaml\n"), Cli.run("version", "-format", "yaml"));
  }

  @Test
  void infoPrintsSortedSections() throws Exception {
    Cli.Result r = Cli.run("info", "-http-addr", dev.addr);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("agent:\n\tcheck_monitors = 0\n\tcheck_ttls = 0\n\tchecks = 0\n\tservices = 0\n"
        + "build:\n\tprerelease = \n\trevision = \n\tversion = 1.17.0\nconsul:\n"), r.out());
    assertTrue(r.out().contains("\tleader = true\n"), r.out());
    assertTrue(r.out().contains("\tserver = true\n"), r.out());
    assertTrue(r.out().endsWith("serf_lan:\n\tfailed = 0\n\tleft = 0\n\tmembers = 1\n"), r.out());
  }

  @Test
  void maintEnablesListsAndDisables() throws Exception {
    dev.api.put("/v1/agent/service/register", "{\"Name\":\"web\",\"ID\":\"web1\"}");
    assertEquals(new Cli.Result(0, "Node maintenance is now enabled\n", ""),
        Cli.run("maint", "-http-addr", dev.addr, "-enable", "-reason", "kernel upgrade"));
    assertEquals(new Cli.Result(0, "Service maintenance is now enabled for \"web1\"\n", ""),
        Cli.run("maint", "-http-addr", dev.addr, "-enable", "-service", "web1", "-reason", "deploy"));
    String listed = Cli.run("maint", "-http-addr", dev.addr).out();
    assertTrue(listed.contains("Node:\n  Name:   test-node\n  Reason: kernel upgrade\n\n"), listed);
    assertTrue(listed.contains("Service:\n  ID:     web1\n  Reason: deploy\n\n"), listed);
    assertEquals(new Cli.Result(0, "Node maintenance is now disabled\n", ""),
        Cli.run("maint", "-http-addr", dev.addr, "-disable"));
    assertEquals(new Cli.Result(0, "Service maintenance is now disabled for \"web1\"\n", ""),
        Cli.run("maint", "-http-addr", dev.addr, "-disable", "-service", "web1"));
    assertEquals(new Cli.Result(0, "", ""), Cli.run("maint", "-http-addr", dev.addr));
    assertEquals(new Cli.Result(1, "", "Only one of -enable or -disable may be provided\n"),
        Cli.run("maint", "-http-addr", dev.addr, "-enable", "-disable"));
    assertEquals(new Cli.Result(1, "", "Service requires either -enable or -disable\n"),
        Cli.run("maint", "-http-addr", dev.addr, "-service", "web1"));
    Cli.Result unknown = Cli.run("maint", "-http-addr", dev.addr, "-enable", "-service", "nope");
    assertEquals(1, unknown.code());
    assertTrue(unknown.err().startsWith("Error enabling service maintenance: Unexpected response code: 404"),
        unknown.err());
    dev.api.put("/v1/agent/service/deregister/web1", "");
  }

  @Test
  void forceLeaveReportsErrorsAndRefusesPrune() throws Exception {
    assertEquals(new Cli.Result(1, "", "A single node name must be specified to force leave.\n"),
        Cli.run("force-leave", "-http-addr", dev.addr));
    Cli.Result unknown = Cli.run("force-leave", "-http-addr", dev.addr, "ghost");
    assertEquals(1, unknown.code());
    assertTrue(unknown.err().startsWith("Error force leaving: Unexpected response code: 500 (agent: No node found"),
        unknown.err());
    assertEquals(new Cli.Result(1, "", "Error force leaving: Unexpected response code: 400 (force-leave with prune"
        + " is not supported by Consulate)\n"), Cli.run("force-leave", "-http-addr", dev.addr, "-prune", "ghost"));
  }

  @Test
  void keygenPrintsThirtyTwoRandomBytes() throws Exception {
    Cli.Result a = Cli.run("keygen");
    assertEquals(0, a.code());
    assertEquals(32, Base64.getDecoder().decode(a.out().strip()).length);
    assertTrue(!a.out().equals(Cli.run("keygen").out()), "a new key each time");
  }

  @Test
  void rttAndExecRefuseInOneLine() throws Exception {
    Cli.Result rtt = Cli.run("rtt", "-wan", "node1", "node2");
    assertEquals(1, rtt.code());
    assertEquals(1, rtt.err().lines().count(), rtt.err());
    assertTrue(rtt.err().startsWith("Error: rtt is not supported"), rtt.err());
    Cli.Result exec = Cli.run("exec", "-node", "web", "uptime");
    assertEquals(1, exec.code());
    assertEquals(1, exec.err().lines().count());
    assertTrue(exec.err().startsWith("Error: exec is not supported"), exec.err());
  }

  @Test
  void everyHttpCommandSendsTheTokenAndDatacenter() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    HttpServer fake = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    fake.createContext("/", ex -> {
      seen.add(ex.getRequestURI() + " token=" + ex.getRequestHeaders().getFirst("X-Consul-Token"));
      byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    fake.start();
    try {
      String fakeAddr = "127.0.0.1:" + fake.getAddress().getPort();
      assertEquals(0, Cli.run("members", "-http-addr", fakeAddr, "-token", "s3cret", "-datacenter", "dc2").code());
      assertEquals(0, Cli.run("catalog", "nodes", "-http-addr", fakeAddr, "-token", "t", "-datacenter", "dc2",
          "-service", "web").code());
      assertEquals(List.of("/v1/agent/members?dc=dc2 token=s3cret", "/v1/catalog/service/web?dc=dc2 token=t"), seen);
    } finally {
      fake.stop(0);
    }
  }

  @Test
  void badFlagsAndUnreachableAgentsExitOne() throws Exception {
    Cli.Result bad = Cli.run("members", "-no-such-flag");
    assertEquals(1, bad.code());
    assertTrue(bad.err().startsWith("Unknown option: '-no-such-flag'"), bad.err());
    Cli.Result down = Cli.run("info", "-http-addr", "127.0.0.1:1");
    assertEquals(1, down.code());
    assertEquals(1, down.err().lines().count(), down.err());
    assertTrue(down.err().startsWith("Error querying agent: cannot reach the agent at http://127.0.0.1:1"), down.err());
  }
}
