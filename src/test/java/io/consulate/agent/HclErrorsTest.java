package io.consulate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken HCL file is named in one line: with line and column for syntax, with the key for a wrong value. */
class HclErrorsTest {
  @TempDir
  Path dir;

  private String error(String hcl) throws Exception {
    Files.writeString(dir.resolve("web.hcl"), hcl);
    AgentFlags f = new AgentFlags();
    f.dev = true;
    f.configDirs.add(dir);
    return assertThrows(ConfigException.class, () -> ConfigLoader.load(f)).getMessage();
  }

  private String file() {
    return dir.resolve("web.hcl").toString();
  }

  @Test
  void anIllegalCharacterHasItsLineAndColumn() throws Exception {
    assertEquals("Error parsing " + file() + ": line 3, column 13: unexpected '^'",
        error("service {\n  name = \"web\"\n  port = 80 ^\n}\n"));
  }

  @Test
  void aBlockThatIsNeverClosedIsAnErrorNotATopLevelKey() throws Exception {
    assertEquals("Error parsing " + file() + ": line 2, column 9: '{' is never closed",
        error("datacenter = \"east\"\nservice {\n  name = \"web\"\n  port = 80\n"));
  }

  @Test
  void aStrayBraceOrBracketIsNamed() throws Exception {
    assertEquals("Error parsing " + file() + ": line 2, column 1: unexpected '}'", error("a = 1\n}\n"));
    assertEquals("Error parsing " + file() + ": line 1, column 19: unexpected ']'",
        error("retry_join = [\"a\"]]\n"));
  }

  @Test
  void anUnclosedStringOrHeredocIsNamed() throws Exception {
    assertEquals("Error parsing " + file() + ": line 2, column 10: string is not closed on its line",
        error("service {\n  name = \"web\n}\n"));
    assertEquals("Error parsing " + file() + ": line 1, column 9: heredoc is not closed",
        error("notes = <<EOT\ntext\n"));
  }

  @Test
  void aWrongTypeNamesTheFileAndTheKeyLikeJson() throws Exception {
    assertEquals(file() + ": ports.dns: expected an integer, got \"53\"", error("ports {\n  dns = \"53\"\n}\n"));
    assertEquals(file() + ": Missing service name", error("service {\n  port = 80\n}\n"));
    // One services block is a list of one, as in Consul and as JSON's "services": [{...}] names it.
    assertEquals(file() + ": services[0].Port: expected an integer, got \"80\"",
        error("services {\n  name = \"web\"\n  port = \"80\"\n}\n"));
  }

  /** Consul's HCL has no expressions: a bare word, a function call or null is refused by key, not read as null. */
  @Test
  void aValueThatIsNotALiteralNamesTheKey() throws Exception {
    String reason = ": expected a string, number, boolean, list or block";
    assertEquals(file() + ": service.port" + reason, error("service {\n  name = \"web\"\n  port = eighty\n}\n"));
    assertEquals(file() + ": datacenter" + reason, error("datacenter = upper(\"east\")\n"));
    assertEquals(file() + ": node_name" + reason, error("node_name = null\n"));
  }

  @Test
  void aFragmentIsNamedByItsPlaceOnTheCommandLine() {
    AgentFlags f = new AgentFlags();
    f.dev = true;
    f.hcl.add("datacenter = \"east\"");
    f.hcl.add("ports {\n  dns = 8600\n");
    assertEquals("Error parsing -hcl #2: line 1, column 7: '{' is never closed",
        assertThrows(ConfigException.class, () -> ConfigLoader.load(f)).getMessage());
  }

  /** Consul's rules for extensions: a named file must be .json or .hcl; a directory's other files are skipped. */
  @Test
  void aNamedFileNeedsAKnownExtensionUnlessAFormatIsForced() throws Exception {
    Path conf = Files.writeString(dir.resolve("agent.conf"), "datacenter = \"east\"\n");
    Files.writeString(dir.resolve("README"), "not config");
    AgentFlags f = new AgentFlags();
    f.dev = true;
    f.configFiles.add(conf);
    assertEquals("file " + conf + " has unknown extension; must be .hcl or .json, or config format must be set",
        assertThrows(ConfigException.class, () -> ConfigLoader.load(f)).getMessage());
    f.configFormat = "hcl";
    assertEquals("east", ConfigLoader.load(f).datacenter());

    AgentFlags inDir = new AgentFlags();
    inDir.dev = true;
    inDir.configDirs.add(dir);
    assertEquals("dc1", ConfigLoader.load(inDir).datacenter(), "agent.conf and README are skipped");
  }
}
