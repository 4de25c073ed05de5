package io.consulate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.consulate.agent.TestAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code consulate template} under default deny: a service it may only see with a token, from a flag or the env. */
class AclCliTemplateTest {
  @TempDir static Path dir;
  private static CliAgent dev;
  private static String reader;
  private static Path template;

  @BeforeAll
  static void start() throws Exception {
    dev = CliAgent.startWithAclsToBootstrap(dir);
    String[] out = new String[1];
    TestAgent.awaitTrue(() -> {
      Cli.Result r = Cli.run("acl", "bootstrap", "-http-addr", dev.addr);
      out[0] = r.out();
      return r.code() == 0;
    });
    String management = AclCliTest.field(out[0], "SecretID");
    assertEquals(200, dev.api.put("/v1/agent/service/register?token=" + management,
        "{\"ID\":\"web-1\",\"Name\":\"web\",\"Port\":8081}").statusCode());
    Cli.run("acl", "policy", "create", "-http-addr", dev.addr, "-token", management, "-name", "see-web",
        "-rules", "service \"web\" { policy = \"read\" }\nnode_prefix \"\" { policy = \"read\" }");
    reader = AclCliTest.field(Cli.run("acl", "token", "create", "-http-addr", dev.addr, "-token", management,
        "-policy-name", "see-web").out(), "SecretID");
    template = Files.writeString(dir.resolve("web.tpl"), "{{ range service \"web\" }}{{ .ID }}:{{ .Port }} {{ end }}.\n");
  }

  @AfterAll
  static void stop() throws Exception {
    dev.close();
  }

  @Test
  void withoutATokenTheServiceIsFilteredOut() throws Exception {
    Path out = dir.resolve("anonymous.out");
    assertEquals(0, Cli.run("template", "-consul-addr", dev.addr, "-template", template + ":" + out, "-once").code());
    assertEquals(".\n", Files.readString(out));
  }

  @Test
  void consulTokenFlagSeesTheService() throws Exception {
    Path out = dir.resolve("flag.out");
    assertEquals(0, Cli.run("template", "-consul-addr", dev.addr, "-consul-token", reader,
        "-template", template + ":" + out, "-once").code());
    assertEquals("web-1:8081 .\n", Files.readString(out));
  }

  @Test
  void consulTokenFileFlagSeesTheService() throws Exception {
    Path file = Files.writeString(dir.resolve("reader-token"), reader + "\n");
    Path out = dir.resolve("file.out");
    assertEquals(0, Cli.run("template", "-consul-addr", dev.addr, "-consul-token-file", file.toString(),
        "-template", template + ":" + out, "-once").code());
    assertEquals("web-1:8081 .\n", Files.readString(out));
  }

  @Test
  void consulTokenAndConsulHttpTokenFromTheEnvironment() throws Exception {
    for (String name : List.of("CONSUL_TOKEN", "CONSUL_HTTP_TOKEN")) {
      Path out = dir.resolve(name + ".out");
      Cli.Result r = CliProcess.run(List.of(name + "=" + reader), "template", "-consul-addr", dev.addr,
          "-template", template + ":" + out, "-once");
      assertEquals(0, r.code(), r.err());
      assertEquals("web-1:8081 .\n", Files.readString(out), name);
    }
  }
}
