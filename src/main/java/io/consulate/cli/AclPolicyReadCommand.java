package io.consulate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code consulate acl policy read}: one policy by ID (or a unique prefix) or by name. */
@Command(name = "read", description = "Read an ACL policy", mixinStandardHelpOptions = true)
final class AclPolicyReadCommand extends AclHttpCommand {
  @Mixin AclFormatFlag format;
  @Mixin AclIdOrNameFlags target;

  @Override
  int run() throws Exception {
    String f = format.get();
    if (target.missing() != null) return fail(target.missing());
    return print(PolicyFormatter.policy(f, read(Kind.POLICY, target.id, target.name)));
  }
}
