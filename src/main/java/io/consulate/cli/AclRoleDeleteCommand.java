package io.consulate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code consulate acl role delete}: by ID (or a unique prefix) or by name. */
@Command(name = "delete", description = "Delete an ACL role", mixinStandardHelpOptions = true)
final class AclRoleDeleteCommand extends AclHttpCommand {
  @Option(names = "-id", description = "The ID of the role to delete. It may be specified as a unique ID prefix but "
      + "will error if the prefix matches multiple role IDs") String id = "";
  @Option(names = "-name", description = "The name of the role to delete.") String name = "";

  @Override
  int run() throws Exception {
    if (id.isEmpty() && name.isEmpty()) return fail("Must specify either the -id or -name parameters");
    String roleId = id.isEmpty() ? roleIdByName(name, "Error determining role ID")
        : id(Kind.ROLE, id, "Error determining role ID");
    delete("/v1/acl/role/" + encode(roleId), "Error deleting role \"" + roleId + "\"");
    return print("Role \"" + roleId + "\" deleted successfully");
  }
}
