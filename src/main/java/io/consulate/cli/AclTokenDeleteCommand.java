package io.consulate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code consulate acl token delete}: by Accessor ID or a unique prefix. */
@Command(name = "delete", description = "Delete an ACL token", mixinStandardHelpOptions = true)
final class AclTokenDeleteCommand extends AclHttpCommand {
  @Mixin AclAccessorIdFlag accessorId;

  @Override
  int run() throws Exception {
    if (accessorId.value.isEmpty()) return fail("Must specify the -accessor-id parameter");
    String id = id(Kind.TOKEN, accessorId.value, "Error determining token ID");
    delete("/v1/acl/token/" + encode(id), "Error deleting token \"" + id + "\"");
    return print("Token \"" + id + "\" deleted successfully");
  }
}
