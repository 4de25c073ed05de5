package io.consulate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code consulate validate}, run in-process as {@code consulate} runs it: consul validate's output and exit codes. */
class ValidateCommandTest {
  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int validate(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 1];
    all[0] = "validate";
    System.arraycopy(args, 0, all, 1, args.length);
    return cli.execute(all);
  }

  private Path goodDir() throws Exception {
    Path good = Files.createDirectories(dir.resolve("good"));
    Files.writeString(good.resolve("agent.hcl"), "data_dir = \"" + dir.resolve("data") + "\"\nbind_addr = \"127.0.0.1\"\n");
    Files.writeString(good.resolve("web.hcl"), """
        service {
          name = "web"
          port = 80
          check {
            ttl = "30s"
          }
        }
        """);
    Files.writeString(good.resolve("api.json"), "{\"service\": {\"name\": \"api\", \"port\": 81}}");
    return good;
  }

  @Test
  void aGoodDirectoryIsValid() throws Exception {
    assertEquals(0, validate(goodDir().toString()));
    assertEquals("Configuration is valid!\n", out.toString());
    assertEquals("", err.toString());
  }

  @Test
  void quietPrintsNothingOnSuccess() throws Exception {
    assertEquals(0, validate("-quiet", goodDir().toString()));
    assertEquals("", out.toString());
  }

  @Test
  void aBadDirectoryFailsWithTheErrorOnOneLine() throws Exception {
    Path bad = goodDir();
    Files.writeString(bad.resolve("web.hcl"), "service {\n  name = \"web\"\n  port = 80 ^\n}\n");
    assertEquals(1, validate(bad.toString()));
    assertEquals("", out.toString());
    assertEquals("Config validation failed: Error parsing " + bad.resolve("web.hcl")
        + ": line 3, column 13: unexpected '^'\n", err.toString());
  }

  /** As the agent: without a data dir (and no -dev) the configuration cannot start an agent. */
  @Test
  void whatTheAgentWouldRefuseIsInvalid() throws Exception {
    Path file = Files.writeString(dir.resolve("only.hcl"), "datacenter = \"east\"\n");
    assertEquals(1, validate(file.toString()));
    assertEquals("Config validation failed: data_dir cannot be empty: give -data-dir DIR (or -dev for an in-memory"
        + " agent)\n", err.toString());
  }

  @Test
  void configFormatReadsFilesOfAnyExtension() throws Exception {
    Path conf = Files.writeString(dir.resolve("agent.conf"), "data_dir = \"" + dir.resolve("data") + "\"\n");
    assertEquals(1, validate(conf.toString()));
    assertEquals("Config validation failed: file " + conf
        + " has unknown extension; must be .hcl or .json, or config format must be set\n", err.toString());
    assertEquals(0, validate("-config-format", "hcl", conf.toString()));
  }

  @Test
  void withoutPathsItSaysWhatItNeeds() {
    assertEquals(1, validate());
    assertEquals("Must specify at least one config file or directory\n", err.toString());
  }
}
