package io.consulate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.agent.TestAgent;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The acl commands against an agent with ACLs on (default deny), bootstrapped by the CLI itself. */
class AclCliTest {
  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  private static final String GO_TIME = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d+)? \\+0000 UTC";

  @TempDir static Path dir;
  private static CliAgent dev;
  private static Cli.Result bootstrap;
  static String management;

  @BeforeAll
  static void start() throws Exception {
    dev = CliAgent.startWithAclsToBootstrap(dir);
    // The leader sets up the ACL system just after start; bootstrap is refused until then.
    TestAgent.awaitTrue(() -> (bootstrap = Cli.run("acl", "bootstrap", "-http-addr", dev.addr)).code() == 0);
    Matcher m = Pattern.compile("SecretID: +(" + UUID + ")").matcher(bootstrap.out());
    assertTrue(m.find(), bootstrap.out());
    management = m.group(1);
  }

  @AfterAll
  static void stop() throws Exception {
    dev.close();
  }

  /** Runs an acl command as the bootstrap token. */
  private static Cli.Result acl(String... args) throws Exception {
    String[] all = new String[args.length + 5];
    all[0] = "acl";
    System.arraycopy(args, 0, all, 1, args.length);
    System.arraycopy(new String[] {"-http-addr", dev.addr, "-token", management}, 0, all, args.length + 1, 4);
    return Cli.run(all);
  }

  @Test
  void bootstrapPrintsTheManagementTokenOnceThenFailsWithConsulsLine() throws Exception {
    assertTrue(bootstrap.out().matches("AccessorID:       " + UUID + "\nSecretID:         " + UUID + "\n"
        + "Description:      Bootstrap Token \\(Global Management\\)\nLocal:            false\n"
        + "Create Time:      " + GO_TIME + "\nPolicies:\n"
        + "   00000000-0000-0000-0000-000000000001 - global-management\n\n"), bootstrap.out());
    Cli.Result again = Cli.run("acl", "bootstrap", "-http-addr", dev.addr);
    assertEquals(1, again.code());
    assertEquals("", again.out());
    assertTrue(again.err().matches("Failed ACL bootstrapping: Unexpected response code: 403 \\(Permission denied: "
        + "ACL bootstrap no longer allowed \\(reset index: \\d+\\)\\)\n"), again.err());
  }

  @Test
  void policyFromAFileThenATokenLinkedByNameReadsBackWithIt() throws Exception {
    Path rules = dir.resolve("rules.hcl");
    Files.writeString(rules, "key_prefix \"app/\" {\n  policy = \"read\"\n}\n");
    Cli.Result policy = acl("policy", "create", "-name", "app-read", "-description", "app keys", "-rules", "@" + rules);
    assertEquals("", policy.err());
    String policyId = field(policy.out(), "ID");
    assertEquals("ID:           " + policyId + "\nName:         app-read\nDescription:  app keys\nDatacenters:  \n"
        + "Rules:\nkey_prefix \"app/\" {\n  policy = \"read\"\n}\n\n", policy.out());

    Cli.Result created = acl("token", "create", "-description", "app reader", "-policy-name", "app-read");
    assertEquals(0, created.code(), created.err());
    String accessor = field(created.out(), "AccessorID");
    Cli.Result read = acl("token", "read", "-accessor-id", accessor.substring(0, 8));
    assertEquals(created.out(), read.out(), "read by a unique prefix shows the token as created");
    assertTrue(read.out().contains("Description:      app reader\n"), read.out());
    assertTrue(read.out().endsWith("Policies:\n   " + policyId + " - app-read\n\n"), read.out());

    JsonObject json = new JsonObject(acl("token", "read", "-id", accessor, "-format=json").out());
    assertEquals(policyId, json.getJsonArray("Policies").getJsonObject(0).getString("ID"));
    assertEquals(1, acl("policy", "read", "-name", "no-such-policy").code());
  }

  @Test
  void roleCreateReadAndDelete() throws Exception {
    acl("policy", "create", "-name", "role-base", "-rules", "node_prefix \"\" { policy = \"read\" }");
    Cli.Result role = acl("role", "create", "-name", "web-role", "-description", "for web", "-policy-name", "role-base",
        "-service-identity", "web:dc1,dc2", "-node-identity", "web-node:dc1");
    assertEquals("", role.err());
    String id = field(role.out(), "ID");
    String policyId = field(acl("policy", "read", "-name", "role-base").out(), "ID");
    assertEquals("ID:           " + id + "\nName:         web-role\nDescription:  for web\nPolicies:\n   " + policyId
        + " - role-base\nService Identities:\n   web (Datacenters: dc1, dc2)\nNode Identities:\n"
        + "   web-node (Datacenter: dc1)\n\n", role.out());
    assertEquals(role.out(), acl("role", "read", "-name", "web-role").out());
    assertTrue(acl("role", "list").out().contains("web-role:\n   ID:           " + id + "\n"));
    assertEquals(new Cli.Result(0, "Role \"" + id + "\" deleted successfully\n", ""), acl("role", "delete", "-name", "web-role"));
    assertEquals(new Cli.Result(1, "", "Missing required '-name' flag\n"), acl("role", "create", "-policy-name", "x"));
  }

  @Test
  void tokenFileIsReadTrimmedWinsOverTokenAndAMissingOneIsOneLine() throws Exception {
    Cli.run("kv", "put", "-http-addr", dev.addr, "-token", management, "file/k", "v");
    Path file = dir.resolve("token");
    Files.writeString(file, "  " + management + "\n");
    assertEquals(new Cli.Result(0, "v\n", ""), Cli.run("kv", "get", "-http-addr", dev.addr, "-token-file", file.toString(), "file/k"));
    assertEquals(new Cli.Result(0, "v\n", ""),
        Cli.run("kv", "get", "-http-addr", dev.addr, "-token", "not-a-token", "-token-file", file.toString(), "file/k"));
    Path missing = dir.resolve("missing");
    assertEquals(new Cli.Result(1, "", "Error connecting to Consul agent: Error loading token file: open " + missing
        + ": no such file or directory\n"), Cli.run("kv", "get", "-http-addr", dev.addr, "-token-file", missing.toString(), "file/k"));
  }

  @Test
  void kvGetWithCONSUL_HTTP_TOKENWorksAndWithoutATokenGetsThe403() throws Exception {
    Cli.run("kv", "put", "-http-addr", dev.addr, "-token", management, "env/k", "secret value");
    Cli.Result with = CliProcess.run(List.of("CONSUL_HTTP_TOKEN=" + management), "kv", "get", "-http-addr", dev.addr, "env/k");
    assertEquals(new Cli.Result(0, "secret value\n", ""), with);
    Cli.Result without = CliProcess.run(List.of(), "kv", "get", "-http-addr", dev.addr, "env/k");
    assertEquals(new Cli.Result(1, "", "Error querying Consul agent: Unexpected response code: 403 (Permission denied: "
        + "anonymous token lacks permission 'key:read' on \"env/k\". The anonymous token is used implicitly when a "
        + "request does not specify a token.)\n"), without);
    Path file = dir.resolve("env-token");
    Files.writeString(file, management + "\n");
    assertEquals(new Cli.Result(0, "secret value\n", ""), CliProcess.run(List.of("CONSUL_HTTP_TOKEN=not-a-token",
        "CONSUL_HTTP_TOKEN_FILE=" + file), "kv", "get", "-http-addr", dev.addr, "env/k"), "the file wins, as in Consul");
  }

  @Test
  void tokenUpdateAppendsOrReplacesPoliciesAndDeleteSaysSo() throws Exception {
    String a = field(acl("policy", "create", "-name", "upd-a", "-rules", "").out(), "ID");
    String b = field(acl("policy", "create", "-name", "upd-b", "-rules", "").out(), "ID");
    String accessor = field(acl("token", "create", "-policy-name", "upd-a").out(), "AccessorID");
    assertTrue(acl("token", "update", "-accessor-id", accessor, "-append-policy-name", "upd-b").out()
        .endsWith("Policies:\n   " + a + " - upd-a\n   " + b + " - upd-b\n\n"));
    assertTrue(acl("token", "update", "-accessor-id", accessor, "-policy-id", b, "-description", "only b").out()
        .endsWith("Description:      only b\nLocal:            false\nCreate Time:      " + createTime(accessor)
            + "\nPolicies:\n   " + b + " - upd-b\n\n"));
    assertEquals(new Cli.Result(0, "Token \"" + accessor + "\" deleted successfully\n", ""),
        acl("token", "delete", "-accessor-id", accessor));
    assertEquals(1, acl("token", "read", "-accessor-id", accessor).code());
    assertEquals(new Cli.Result(0, "Policy \"" + a + "\" deleted successfully\n", ""), acl("policy", "delete", "-name", "upd-a"));
  }

  private static String createTime(String accessor) throws Exception {
    return acl("token", "read", "-accessor-id", accessor).out().lines().filter(l -> l.startsWith("Create Time:"))
        .findFirst().orElseThrow().substring("Create Time:      ".length());
  }

  static String field(String out, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + ": +(\\S+)$").matcher(out);
    assertTrue(m.find(), "no " + name + " in:\n" + out);
    return m.group(1);
  }
}
