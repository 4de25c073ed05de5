package io.consulate.cli;

import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code consulate acl bootstrap}: the first management token, once. */
@Command(name = "bootstrap", description = "Bootstrap Consul's ACL system", mixinStandardHelpOptions = true)
final class AclBootstrapCommand extends AclHttpCommand {
  @Mixin AclFormatFlag format;

  @Override
  int run() throws Exception {
    String f = format.get();
    JsonObject token = object("PUT", "/v1/acl/bootstrap", null, "Failed ACL bootstrapping");
    token.remove("ID"); // the reply's deprecated copy of the SecretID; Consul's api.ACLToken has no such field
    return print(TokenFormatter.token(f, token));
  }
}
