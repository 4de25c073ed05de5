package io.consulate.cli;

import io.consulate.acl.ApiToken;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Which token a command sends, per Consul's api.NewClient: a readable, non-empty token file wins. */
class AclCliTokenSourceTest {
  record Case(String name, String flag, boolean flagFile, Map<String, String> env, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  @TempDir static Path dir;

  static List<Case> cases() {
    return List.of(
        new Case("nothing -> no token", null, false, Map.of(), ""),
        new Case("env token", null, false, Map.of("CONSUL_HTTP_TOKEN", "env"), "env"),
        new Case("-token beats env token", "flag", false, Map.of("CONSUL_HTTP_TOKEN", "env"), "flag"),
        new Case("-token-file beats -token", "flag", true, Map.of(), "from-flag-file"),
        new Case("env file beats -token", "flag", false, Map.of("CONSUL_HTTP_TOKEN_FILE", "ENVFILE"), "from-env-file"),
        new Case("-token-file beats env file", null, true, Map.of("CONSUL_HTTP_TOKEN_FILE", "ENVFILE"), "from-flag-file"),
        new Case("empty file -> -token", "flag", false, Map.of("CONSUL_HTTP_TOKEN_FILE", "EMPTY"), "flag"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void resolves(Case c) throws Exception {
    Path flagFile = Files.writeString(dir.resolve("flag-file"), "  from-flag-file\n");
    Path envFile = Files.writeString(dir.resolve("env-file"), "from-env-file\n");
    Path empty = Files.writeString(dir.resolve("empty"), " \n");
    Map<String, String> env = new HashMap<>();
    c.env().forEach((k, v) -> env.put(k, v.equals("ENVFILE") ? envFile.toString() : v.equals("EMPTY") ? empty.toString() : v));
    assertEquals(c.expected(), ApiToken.forCli(c.flag(), c.flagFile() ? flagFile.toString() : null, env));
  }
}
