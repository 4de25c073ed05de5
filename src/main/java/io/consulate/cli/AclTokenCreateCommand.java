package io.consulate.cli;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code consulate acl token create}: a token linked to policies, roles or identities. */
@Command(name = "create", description = "Create an ACL token", mixinStandardHelpOptions = true)
final class AclTokenCreateCommand extends AclHttpCommand {
  @Mixin AclFormatFlag format;
  @Option(names = "-description", description = "A description of the token") String description = "";
  @Option(names = "-policy-id", description = "ID of a policy to use for this token. May be specified multiple times")
  List<String> policyIds = new ArrayList<>();
  @Option(names = "-policy-name", description = "Name of a policy to use for this token. May be specified multiple times")
  List<String> policyNames = new ArrayList<>();
  @Option(names = "-role-id", description = "ID of a role to use for this token. May be specified multiple times")
  List<String> roleIds = new ArrayList<>();
  @Option(names = "-role-name", description = "Name of a role to use for this token. May be specified multiple times")
  List<String> roleNames = new ArrayList<>();
  @Option(names = "-service-identity", description = "Name of a service identity to use for this token. May be "
      + "specified multiple times. Format is the SERVICENAME or SERVICENAME:DATACENTER1,DATACENTER2,...")
  List<String> serviceIdentities = new ArrayList<>();
  @Option(names = "-node-identity", description = "Name of a node identity to use for this token. May be specified "
      + "multiple times. Format is NODENAME:DATACENTER")
  List<String> nodeIdentities = new ArrayList<>();
  @Option(names = "-local", description = "Create this as a datacenter local token") boolean local;
  @Option(names = "-secret", description = "Create the token with this Secret ID. It must be a UUID. If not specified "
      + "one will be auto-generated") String secret = "";
  @Option(names = "-accessor", description = "Create the token with this Accessor ID. It must be a UUID. If not "
      + "specified one will be auto-generated") String accessor = "";

  @Override
  int run() throws Exception {
    String f = format.get();
    if (policyNames.isEmpty() && policyIds.isEmpty() && roleNames.isEmpty() && roleIds.isEmpty()
        && serviceIdentities.isEmpty() && nodeIdentities.isEmpty()) {
      return fail("Cannot create a token without specifying -policy-name, -policy-id, -role-name, -role-id, "
          + "-service-identity, or -node-identity at least once");
    }
    JsonObject token = new JsonObject().put("Description", description).put("Local", local)
        .put("ServiceIdentities", serviceIdentities(serviceIdentities))
        .put("NodeIdentities", nodeIdentities(nodeIdentities))
        .put("Policies", links(Kind.POLICY, policyNames, policyIds))
        .put("Roles", links(Kind.ROLE, roleNames, roleIds));
    if (!accessor.isEmpty()) token.put("AccessorID", accessor);
    if (!secret.isEmpty()) token.put("SecretID", secret);
    return print(TokenFormatter.token(f, object("PUT", "/v1/acl/token", token, "Failed to create new token")));
  }
}
