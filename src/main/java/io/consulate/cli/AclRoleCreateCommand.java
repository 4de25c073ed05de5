package io.consulate.cli;

import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code consulate acl role create}: a named set of policies and identities. */
@Command(name = "create", description = "Create an ACL role", mixinStandardHelpOptions = true)
final class AclRoleCreateCommand extends AclHttpCommand {
  @Mixin AclFormatFlag format;
  @Mixin AclRoleFlags links;
  @Option(names = "-name", description = "The new role's name. This flag is required.") String name = "";

  @Override
  int run() throws Exception {
    String f = format.get();
    if (name.isEmpty()) return fail("Missing required '-name' flag");
    if (links.noLinks()) {
      return fail("Cannot create a role without specifying -policy-name, -policy-id, -service-identity, or "
          + "-node-identity at least once");
    }
    JsonObject role = new JsonObject().put("Name", name).put("Description", links.description)
        .put("Policies", links(Kind.POLICY, links.policyNames, links.policyIds))
        .put("ServiceIdentities", serviceIdentities(links.serviceIdentities))
        .put("NodeIdentities", nodeIdentities(links.nodeIdentities));
    return print(RoleFormatter.role(f, object("PUT", "/v1/acl/role", role, "Failed to create new role")));
  }
}
