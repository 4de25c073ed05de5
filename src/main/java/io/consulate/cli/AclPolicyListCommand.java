package io.consulate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code consulate acl policy list}: every policy, name first. */
@Command(name = "list", description = "List ACL policies", mixinStandardHelpOptions = true)
final class AclPolicyListCommand extends AclHttpCommand {
  @Mixin AclFormatFlag format;

  @Override
  int run() throws Exception {
    String f = format.get();
    return print(PolicyFormatter.list(f, array("/v1/acl/policies", "Failed to retrieve the policy list")));
  }
}
