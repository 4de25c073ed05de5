package io.consulate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code consulate acl token delete}: by Accessor ID or a unique prefix. */
@Command(name = "delete", description = "Delete an ACL token", mixinStandardHelpOptions = true)
final class AclTokenDeleteCommand extends AclHttpCommand {
  @Option(names = {"-accessor-id", "-id"}, description = "The Accessor ID of the token to delete. It may be specified as "
      + "a unique ID prefix but will error if the prefix matches multiple token Accessor IDs (-id is deprecated)")
  String accessorId = "";

  @Override
  int run() throws Exception {
    if (accessorId.isEmpty()) return fail("Must specify the -accessor-id parameter");
    String id = id(Kind.TOKEN, accessorId, "Error determining token ID");
    delete("/v1/acl/token/" + encode(id), "Error deleting token \"" + id + "\"");
    return print("Token \"" + id + "\" deleted successfully");
  }
}
