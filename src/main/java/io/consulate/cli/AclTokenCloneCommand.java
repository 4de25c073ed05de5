package io.consulate.cli;

import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code consulate acl token clone}: a new token with the same links, and its own description if given. */
@Command(name = "clone", description = "Clone an ACL token", mixinStandardHelpOptions = true)
final class AclTokenCloneCommand extends AclHttpCommand {
  @Mixin AclFormatFlag format;
  @Mixin AclAccessorIdFlag accessorId;
  @Option(names = "-description", description = "A description of the new cloned token") String description = "";

  @Override
  int run() throws Exception {
    String f = format.get();
    if (accessorId.value.isEmpty()) return fail("Cannot clone a token without specifying the -accessor-id parameter");
    String id = id(Kind.TOKEN, accessorId.value, "Error determining token ID");
    JsonObject body = new JsonObject().put("Description", description);
    return print(TokenFormatter.token(f,
        object("PUT", "/v1/acl/token/" + encode(id) + "/clone", body, "Error cloning token")));
  }
}
