package io.consulate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code consulate acl role read}: one role by ID (or a unique prefix) or by name. */
@Command(name = "read", description = "Read an ACL role", mixinStandardHelpOptions = true)
final class AclRoleReadCommand extends AclHttpCommand {
  @Mixin AclFormatFlag format;
  @Mixin AclIdOrNameFlags target;

  @Override
  int run() throws Exception {
    String f = format.get();
    if (target.missing() != null) return fail(target.missing());
    return print(RoleFormatter.role(f, read(Kind.ROLE, target.id, target.name)));
  }
}
