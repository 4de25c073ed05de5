package io.consulate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code consulate acl token list}: every token the caller may read. */
@Command(name = "list", description = "List ACL tokens", mixinStandardHelpOptions = true)
final class AclTokenListCommand extends AclHttpCommand {
  @Mixin AclFormatFlag format;

  @Override
  int run() throws Exception {
    String f = format.get();
    return print(TokenFormatter.list(f, array("/v1/acl/tokens", "Failed to retrieve the token list")));
  }
}
