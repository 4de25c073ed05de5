package io.consulate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code consulate acl policy delete}: by ID (or a unique prefix) or by name. */
@Command(name = "delete", description = "Delete an ACL policy", mixinStandardHelpOptions = true)
final class AclPolicyDeleteCommand extends AclHttpCommand {
  @Mixin AclIdOrNameFlags target;

  @Override
  int run() throws Exception {
    if (target.missing() != null) return fail(target.missing());
    String policyId = idOrName(Kind.POLICY, target.id, target.name);
    delete("/v1/acl/policy/" + encode(policyId), "Error deleting policy \"" + policyId + "\"");
    return print("Policy \"" + policyId + "\" deleted successfully");
  }
}
