package io.consulate.acl;

/**
 * A node identity on a token or role (Consul's {@code NodeIdentities}): what an agent's own token needs, write on
 * its node and read on every service, in one datacenter.
 */
public record AclNodeIdentity(String nodeName, String datacenter) {
  /** The rules Consul synthesizes for it (agent/structs/acl.go, ACLNodeIdentity.SyntheticPolicy). */
  public String rules() {
    return "node \"" + nodeName + "\" { policy = \"write\" }\nservice_prefix \"\" { policy = \"read\" }\n";
  }
}
