package io.consulate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code consulate acl policy read}: one policy by ID (or a unique prefix) or by name. */
@Command(name = "read", description = "Read an ACL policy", mixinStandardHelpOptions = true)
final class AclPolicyReadCommand extends AclHttpCommand {
  @Mixin AclFormatFlag format;
  @Option(names = "-id", description = "The ID of the policy to read. It may be specified as a unique ID prefix but "
      + "will error if the prefix matches multiple policy IDs") String id = "";
  @Option(names = "-name", description = "The name of the policy to read.") String name = "";

  @Override
  int run() throws Exception {
    String f = format.get();
    if (id.isEmpty() && name.isEmpty()) return fail("Must specify either the -id or -name parameters");
    String path = id.isEmpty() ? "/v1/acl/policy/name/" + encode(name)
        : "/v1/acl/policy/" + encode(id(Kind.POLICY, id, "Error determining policy ID"));
    String which = id.isEmpty() ? name : id;
    return print(PolicyFormatter.policy(f, object("GET", path, null, "Error reading policy \"" + which + "\"")));
  }
}
