package io.consulate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code consulate acl role delete}: by ID (or a unique prefix) or by name. */
@Command(name = "delete", description = "Delete an ACL role", mixinStandardHelpOptions = true)
final class AclRoleDeleteCommand extends AclHttpCommand {
  @Mixin AclIdOrNameFlags target;

  @Override
  int run() throws Exception {
    if (target.missing() != null) return fail(target.missing());
    String roleId = idOrName(Kind.ROLE, target.id, target.name);
    delete("/v1/acl/role/" + encode(roleId), "Error deleting role \"" + roleId + "\"");
    return print("Role \"" + roleId + "\" deleted successfully");
  }
}
