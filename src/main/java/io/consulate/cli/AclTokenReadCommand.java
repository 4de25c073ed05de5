package io.consulate.cli;

import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code consulate acl token read}: one token by Accessor ID (or a unique prefix), or the caller's own with -self. */
@Command(name = "read", description = "Read an ACL token", mixinStandardHelpOptions = true)
final class AclTokenReadCommand extends AclHttpCommand {
  @Mixin AclFormatFlag format;
  @Mixin AclAccessorIdFlag accessorId;
  @Option(names = "-self", description = "Indicates that the current HTTP token should be read by secret ID instead of "
      + "expecting a -accessor-id option") boolean self;

  @Override
  int run() throws Exception {
    String f = format.get();
    if (accessorId.value.isEmpty() && !self) return fail("Must specify the -accessor-id parameter");
    JsonObject token;
    if (self) {
      token = object("GET", "/v1/acl/token/self", null, "Error reading token");
    } else {
      String id = id(Kind.TOKEN, accessorId.value, "Error determining token ID");
      token = object("GET", "/v1/acl/token/" + encode(id), null, "Error reading token \"" + id + "\"");
    }
    return print(TokenFormatter.token(f, token));
  }
}
