package io.consulate.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code consulate acl token update}: the token read back, changed and written, as Consul does it: {@code -policy-*}
 * replace the links, {@code -append-policy-*} add to them; identities are replaced by what the flags give.
 */
@Command(name = "update", description = "Update an ACL token", mixinStandardHelpOptions = true)
final class AclTokenUpdateCommand extends AclHttpCommand {
  @Mixin AclFormatFlag format;
  @Mixin AclAccessorIdFlag accessorId;
  @Option(names = "-description", description = "A description of the token") String description = "";
  @Option(names = "-policy-id", description = "ID of a policy to use for this token. Overwrites existing policies. "
      + "May be specified multiple times") List<String> policyIds = new ArrayList<>();
  @Option(names = "-policy-name", description = "Name of a policy to use for this token. Overwrites existing policies. "
      + "May be specified multiple times") List<String> policyNames = new ArrayList<>();
  @Option(names = "-append-policy-id", description = "ID of a policy to use for this token. The token retains existing "
      + "policies. May be specified multiple times") List<String> appendPolicyIds = new ArrayList<>();
  @Option(names = "-append-policy-name", description = "Name of a policy to add to this token. The token retains "
      + "existing policies. May be specified multiple times") List<String> appendPolicyNames = new ArrayList<>();
  @Option(names = "-service-identity", description = "Name of a service identity to use for this token. May be "
      + "specified multiple times. Format is the SERVICENAME or SERVICENAME:DATACENTER1,DATACENTER2,...")
  List<String> serviceIdentities = new ArrayList<>();
  @Option(names = "-node-identity", description = "Name of a node identity to use for this token. May be specified "
      + "multiple times. Format is NODENAME:DATACENTER") List<String> nodeIdentities = new ArrayList<>();

  @Override
  int run() throws Exception {
    String f = format.get();
    if (accessorId.value.isEmpty()) return fail("Cannot update a token without specifying the -accessor-id parameter");
    String id = id(Kind.TOKEN, accessorId.value, "Error determining token ID");
    JsonObject token = object("GET", "/v1/acl/token/" + encode(id), null, "Error when retrieving current token");
    if (!description.isEmpty()) token.put("Description", description);
    boolean replace = !policyIds.isEmpty() || !policyNames.isEmpty();
    if (replace && (!appendPolicyIds.isEmpty() || !appendPolicyNames.isEmpty())) {
      return fail("Cannot combine the use of policy-id/policy-name flags with append- variants. To set or overwrite "
          + "existing policies, use -policy-id or -policy-name. To append to existing policies, use -append-policy-id "
          + "or -append-policy-name.");
    }
    JsonArray policies = replace ? new JsonArray() : token.getJsonArray("Policies", new JsonArray());
    policies.addAll(replace ? links(Kind.POLICY, policyNames, policyIds)
        : links(Kind.POLICY, appendPolicyNames, appendPolicyIds));
    token.put("Policies", policies);
    token.put("ServiceIdentities", serviceIdentities(serviceIdentities));
    token.put("NodeIdentities", nodeIdentities(nodeIdentities));
    return print(TokenFormatter.token(f,
        object("PUT", "/v1/acl/token/" + encode(id), token, "Failed to update token " + id)));
  }
}
