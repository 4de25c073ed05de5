package io.consulate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code consulate acl role read}: one role by ID (or a unique prefix) or by name. */
@Command(name = "read", description = "Read an ACL role", mixinStandardHelpOptions = true)
final class AclRoleReadCommand extends AclHttpCommand {
  @Mixin AclFormatFlag format;
  @Option(names = "-id", description = "The ID of the role to read. It may be specified as a unique ID prefix but will "
      + "error if the prefix matches multiple role IDs") String id = "";
  @Option(names = "-name", description = "The name of the role to read.") String name = "";

  @Override
  int run() throws Exception {
    String f = format.get();
    if (id.isEmpty() && name.isEmpty()) return fail("Must specify either the -id or -name parameters");
    String path = id.isEmpty() ? "/v1/acl/role/name/" + encode(name)
        : "/v1/acl/role/" + encode(id(Kind.ROLE, id, "Error determining role ID"));
    String which = id.isEmpty() ? name : id;
    return print(RoleFormatter.role(f, object("GET", path, null, "Error reading role \"" + which + "\"")));
  }
}
