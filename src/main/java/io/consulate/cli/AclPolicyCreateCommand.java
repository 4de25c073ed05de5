package io.consulate.cli;

import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code consulate acl policy create}: rules given inline, as {@code @file}, or {@code -} for stdin. */
@Command(name = "create", description = "Create an ACL policy", mixinStandardHelpOptions = true)
final class AclPolicyCreateCommand extends AclHttpCommand {
  @Mixin AclFormatFlag format;
  @Option(names = "-name", description = "The new policy's name. This flag is required.") String name = "";
  @Mixin AclPolicyFlags fields;

  @Override
  int run() throws Exception {
    String f = format.get();
    if (name.isEmpty()) return fail("Missing require '-name' flag");
    JsonObject policy = new JsonObject().put("Name", name).put("Description", fields.description)
        .put("Rules", fields.rules()).put("Datacenters", fields.datacenters());
    return print(PolicyFormatter.policy(f, object("PUT", "/v1/acl/policy", policy, "Failed to create new policy")));
  }
}
