package io.consulate.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The links a role is made of, as {@code acl role create} and {@code update} take them. */
final class AclRoleFlags {
  @Option(names = "-description", description = "A description of the role") String description = "";
  @Option(names = "-policy-id", description = "ID of a policy to use for this role. May be specified multiple times")
  List<String> policyIds = new ArrayList<>();
  @Option(names = "-policy-name", description = "Name of a policy to use for this role. May be specified multiple times")
  List<String> policyNames = new ArrayList<>();
  @Option(names = "-service-identity", description = "Name of a service identity to use for this role. May be "
      + "specified multiple times. Format is the SERVICENAME or SERVICENAME:DATACENTER1,DATACENTER2,...")
  List<String> serviceIdentities = new ArrayList<>();
  @Option(names = "-node-identity", description = "Name of a node identity to use for this role. May be specified "
      + "multiple times. Format is NODENAME:DATACENTER") List<String> nodeIdentities = new ArrayList<>();

  boolean noLinks() {
    return policyIds.isEmpty() && policyNames.isEmpty() && serviceIdentities.isEmpty() && nodeIdentities.isEmpty();
  }
}
