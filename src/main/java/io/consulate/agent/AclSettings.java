package io.consulate.agent;

import io.consulate.json.Fields;

/**
 * The {@code acl} block of the config (Consul's keys, and the older top-level {@code acl_*} ones) and
 * {@code primary_datacenter}. Tokens are secrets: {@link #toString} never shows them.
 *
 * @param defaultPolicy "allow" or "deny": what no rule of a token decides
 * @param downPolicy accepted for compatibility; every node holds the ACL state, so it is never consulted
 * @param initialManagement a management token's SecretID the leader creates at start (bootstrap done)
 * @param agent the token the agent's own catalog writes are made with
 * @param defaultToken the token of requests that carry none
 * @param dns the token DNS answers with; the default token when empty
 * @param primaryDatacenter where ACLs are managed; other datacenters replicate them from it
 */
public record AclSettings(boolean enabled, String defaultPolicy, String downPolicy, String initialManagement,
    String agent, String defaultToken, String dns, String replication, String primaryDatacenter) {

  public static final AclSettings OFF = new AclSettings(false, "allow", "extend-cache", "", "", "", "", "", "");

  /** The token DNS answers with: {@code dns}, else {@code default}. */
  public String dnsToken() {
    return dns.isEmpty() ? defaultToken : dns;
  }

  @Override
  public String toString() {
    return "AclSettings[enabled=" + enabled + ", defaultPolicy=" + defaultPolicy + ", primaryDatacenter="
        + primaryDatacenter + "]";
  }

  /** Merges sources as the config loader reads them: a later value wins. */
  static final class Builder {
    private boolean enabled;
    private String defaultPolicy = "allow";
    private String downPolicy = "extend-cache";
    private String initialManagement = "";
    private String agent = "";
    private String defaultToken = "";
    private String dns = "";
    private String replication = "";
    private String primaryDatacenter = "";

    void apply(Fields f) {
      primaryDatacenter = f.string(primaryDatacenter, "primary_datacenter", "acl_datacenter");
      defaultPolicy = f.string(defaultPolicy, "acl_default_policy");
      downPolicy = f.string(downPolicy, "acl_down_policy");
      initialManagement = f.string(initialManagement, "acl_master_token");
      agent = f.string(agent, "acl_agent_token");
      defaultToken = f.string(defaultToken, "acl_token");
      Fields acl = f.object("acl");
      if (acl == null) return;
      enabled = acl.bool(enabled, "enabled");
      defaultPolicy = acl.string(defaultPolicy, "default_policy");
      downPolicy = acl.string(downPolicy, "down_policy");
      Fields tokens = acl.object("tokens");
      if (tokens == null) return;
      initialManagement = tokens.string(initialManagement, "initial_management", "master");
      agent = tokens.string(agent, "agent");
      defaultToken = tokens.string(defaultToken, "default");
      dns = tokens.string(dns, "dns");
      replication = tokens.string(replication, "replication");
    }

    AclSettings build(String datacenter) {
      if (!defaultPolicy.equals("allow") && !defaultPolicy.equals("deny")) {
        throw new ConfigException("acl.default_policy: \"" + defaultPolicy + "\" is not valid: use \"allow\" or \"deny\"");
      }
      if (!java.util.List.of("allow", "deny", "extend-cache", "async-cache").contains(downPolicy)) {
        throw new ConfigException("acl.down_policy: \"" + downPolicy
            + "\" is not valid: use \"allow\", \"deny\", \"extend-cache\" or \"async-cache\"");
      }
      return new AclSettings(enabled, defaultPolicy, downPolicy, initialManagement, agent, defaultToken, dns,
          replication, primaryDatacenter.isEmpty() ? datacenter : primaryDatacenter);
    }
  }
}
