package io.consulate.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code consulate acl policy create}: rules given inline, as {@code @file}, or {@code -} for stdin. */
@Command(name = "create", description = "Create an ACL policy", mixinStandardHelpOptions = true)
final class AclPolicyCreateCommand extends AclHttpCommand {
  @Mixin AclFormatFlag format;
  @Option(names = "-name", description = "The new policy's name. This flag is required.") String name = "";
  @Option(names = "-description", description = "A description of the policy") String description = "";
  @Option(names = "-valid-datacenter", description = "Datacenter that the policy should be valid within. This flag may "
      + "be specified multiple times") List<String> datacenters = new ArrayList<>();
  @Option(names = "-rules", description = "The policy rules. May be prefixed with '@' to indicate that the value is a "
      + "file path to load the rules from. '-' may also be given to indicate that the rules are available on stdin")
  String rules = "";

  @Override
  int run() throws Exception {
    String f = format.get();
    if (name.isEmpty()) return fail("Missing require '-name' flag");
    JsonObject policy = new JsonObject().put("Name", name).put("Description", description)
        .put("Rules", rules(rules)).put("Datacenters", new JsonArray(new ArrayList<>(datacenters)));
    return print(PolicyFormatter.policy(f, object("PUT", "/v1/acl/policy", policy, "Failed to create new policy")));
  }

  /** The {@code -rules} value read as Consul's {@code LoadDataSource} reads it. */
  static String rules(String arg) throws Failure {
    try {
      return DataSource.read(arg);
    } catch (IOException e) {
      throw new Failure("Error loading rules: " + e.getMessage());
    }
  }
}
