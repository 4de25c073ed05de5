package io.consulate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code consulate acl policy delete}: by ID (or a unique prefix) or by name. */
@Command(name = "delete", description = "Delete an ACL policy", mixinStandardHelpOptions = true)
final class AclPolicyDeleteCommand extends AclHttpCommand {
  @Option(names = "-id", description = "The ID of the policy to delete. It may be specified as a unique ID prefix but "
      + "will error if the prefix matches multiple policy IDs") String id = "";
  @Option(names = "-name", description = "The name of the policy to delete.") String name = "";

  @Override
  int run() throws Exception {
    if (id.isEmpty() && name.isEmpty()) return fail("Must specify either the -id or -name parameters");
    String policyId = id.isEmpty() ? policyIdByName(name, "Error determining policy ID")
        : id(Kind.POLICY, id, "Error determining policy ID");
    delete("/v1/acl/policy/" + encode(policyId), "Error deleting policy \"" + policyId + "\"");
    return print("Policy \"" + policyId + "\" deleted successfully");
  }
}
