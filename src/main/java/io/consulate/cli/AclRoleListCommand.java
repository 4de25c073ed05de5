package io.consulate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code consulate acl role list}: every role, name first. */
@Command(name = "list", description = "List ACL roles", mixinStandardHelpOptions = true)
final class AclRoleListCommand extends AclHttpCommand {
  @Mixin AclFormatFlag format;

  @Override
  int run() throws Exception {
    String f = format.get();
    return print(RoleFormatter.list(f, array("/v1/acl/roles", "Failed to retrieve the role list")));
  }
}
