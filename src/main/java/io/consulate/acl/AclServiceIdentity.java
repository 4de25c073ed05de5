package io.consulate.acl;

import java.util.List;

/**
 * A service identity on a token or role (Consul's {@code ServiceIdentities}): shorthand for the policy a service
 * needs, write on its own name and its sidecar's, read on every service and node, for discovery.
 *
 * @param datacenters where it applies; empty for every datacenter
 */
public record AclServiceIdentity(String serviceName, List<String> datacenters) {
  public AclServiceIdentity {
    datacenters = List.copyOf(datacenters);
  }

  /** The rules Consul synthesizes for it (agent/structs/acl.go, ACLServiceIdentity.SyntheticPolicy). */
  public String rules() {
    return "service \"" + serviceName + "\" { policy = \"write\" }\n"
        + "service \"" + serviceName + "-sidecar-proxy\" { policy = \"write\" }\n"
        + "service_prefix \"\" { policy = \"read\" }\n"
        + "node_prefix \"\" { policy = \"read\" }\n";
  }
}
