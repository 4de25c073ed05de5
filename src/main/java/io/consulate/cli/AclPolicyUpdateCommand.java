package io.consulate.cli;

import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code consulate acl policy update}: the policy named by -id (or -name) with the fields the flags give changed. */
@Command(name = "update", description = "Update an ACL policy", mixinStandardHelpOptions = true)
final class AclPolicyUpdateCommand extends AclHttpCommand {
  @Mixin AclFormatFlag format;
  @Option(names = "-id", description = "The ID of the policy to update. It may be specified as a unique ID prefix but "
      + "will error if the prefix matches multiple policy IDs") String id = "";
  @Option(names = "-name", description = "The policy name; with -id, its new name") String name = "";
  @Mixin AclPolicyFlags fields;

  @Override
  int run() throws Exception {
    String f = format.get();
    if (id.isEmpty() && name.isEmpty()) return fail("Cannot update a policy without specifying the -id or -name parameter");
    String policyId = idOrName(Kind.POLICY, id, name);
    JsonObject policy = object("GET", "/v1/acl/policy/" + encode(policyId), null, "Error reading policy \"" + policyId + "\"");
    if (!id.isEmpty() && !name.isEmpty()) policy.put("Name", name);
    if (!fields.description.isEmpty()) policy.put("Description", fields.description);
    if (!fields.rules.isEmpty()) policy.put("Rules", fields.rules());
    if (!fields.datacenters.isEmpty()) policy.put("Datacenters", fields.datacenters());
    return print(PolicyFormatter.policy(f,
        object("PUT", "/v1/acl/policy/" + encode(policyId), policy, "Failed to update policy " + policyId)));
  }
}
