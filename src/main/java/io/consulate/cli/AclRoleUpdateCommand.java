package io.consulate.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code consulate acl role update}: the flags' links added to the role's, or replacing them with -no-merge. */
@Command(name = "update", description = "Update an ACL role", mixinStandardHelpOptions = true)
final class AclRoleUpdateCommand extends AclHttpCommand {
  @Mixin AclFormatFlag format;
  @Mixin AclRoleFlags links;
  @Option(names = "-id", description = "The ID of the role to update. It may be specified as a unique ID prefix but "
      + "will error if the prefix matches multiple role IDs") String id = "";
  @Option(names = "-name", description = "The role's new name") String name = "";
  @Option(names = "-no-merge", description = "Do not merge the current role information with what is provided to the "
      + "command. Instead overwrite all fields with the exception of the role ID which is immutable.") boolean noMerge;

  @Override
  int run() throws Exception {
    String f = format.get();
    if (id.isEmpty()) return fail("Cannot update a role without specifying the -id parameter");
    String roleId = id(Kind.ROLE, id, "Error determining role ID");
    JsonObject role = object("GET", "/v1/acl/role/" + encode(roleId), null, "Error reading role \"" + roleId + "\"");
    if (!name.isEmpty() || noMerge) role.put("Name", name.isEmpty() ? role.getString("Name") : name);
    if (!links.description.isEmpty() || noMerge) role.put("Description", links.description);
    role.put("Policies", merge(role.getJsonArray("Policies"), links(Kind.POLICY, links.policyNames, links.policyIds)));
    role.put("ServiceIdentities", merge(role.getJsonArray("ServiceIdentities"), serviceIdentities(links.serviceIdentities)));
    role.put("NodeIdentities", merge(role.getJsonArray("NodeIdentities"), nodeIdentities(links.nodeIdentities)));
    return print(RoleFormatter.role(f,
        object("PUT", "/v1/acl/role/" + encode(roleId), role, "Failed to update role " + roleId)));
  }

  private JsonArray merge(JsonArray current, JsonArray given) {
    if (noMerge || current == null) return given;
    JsonArray out = current.copy();
    for (Object g : given) if (!out.contains(g)) out.add(g);
    return out;
  }
}
