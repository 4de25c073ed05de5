package io.consulate.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
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
  @Option(names = "-description", description = "A description of the policy") String description = "";
  @Option(names = "-valid-datacenter", description = "Datacenter that the policy should be valid within. This flag may "
      + "be specified multiple times") List<String> datacenters = new ArrayList<>();
  @Option(names = "-rules", description = "The policy rules. May be prefixed with '@' to indicate that the value is a "
      + "file path to load the rules from. '-' may also be given to indicate that the rules are available on stdin")
  String rules = "";

  @Override
  int run() throws Exception {
    String f = format.get();
    if (id.isEmpty() && name.isEmpty()) return fail("Cannot update a policy without specifying the -id or -name parameter");
    String policyId = id.isEmpty() ? policyIdByName(name, "Error determining policy ID")
        : id(Kind.POLICY, id, "Error determining policy ID");
    JsonObject policy = object("GET", "/v1/acl/policy/" + encode(policyId), null, "Error reading policy \"" + policyId + "\"");
    if (!id.isEmpty() && !name.isEmpty()) policy.put("Name", name);
    if (!description.isEmpty()) policy.put("Description", description);
    if (!rules.isEmpty()) policy.put("Rules", AclPolicyCreateCommand.rules(rules));
    if (!datacenters.isEmpty()) policy.put("Datacenters", new JsonArray(new ArrayList<>(datacenters)));
    return print(PolicyFormatter.policy(f,
        object("PUT", "/v1/acl/policy/" + encode(policyId), policy, "Failed to update policy " + policyId)));
  }
}
