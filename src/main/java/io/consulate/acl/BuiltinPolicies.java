package io.consulate.acl;

/**
 * The policy and token every Consul datacenter has from its first ACL bootstrap, with Consul's reserved IDs
 * (agent/structs/acl.go ACLPolicyGlobalManagement*, ACLTokenAnonymousID): clients, the UI and Terraform look them
 * up by these IDs and names.
 */
public final class BuiltinPolicies {
  public static final String GLOBAL_MANAGEMENT_ID = "00000000-0000-0000-0000-000000000001";
  public static final String GLOBAL_MANAGEMENT_NAME = "global-management";
  public static final String GLOBAL_MANAGEMENT_DESCRIPTION = "Builtin Policy that grants unlimited access";
  /** Consul CE's text, byte for byte (it starts with a newline and indents with tabs), since clients compare it. */
  public static final String GLOBAL_MANAGEMENT_RULES = """

      acl = "write"
      agent_prefix "" {
      \tpolicy = "write"
      }
      event_prefix "" {
      \tpolicy = "write"
      }
      key_prefix "" {
      \tpolicy = "write"
      }
      keyring = "write"
      node_prefix "" {
      \tpolicy = "write"
      }
      operator = "write"
      mesh = "write"
      peering = "write"
      query_prefix "" {
      \tpolicy = "write"
      }
      service_prefix "" {
      \tpolicy = "write"
      \tintentions = "write"
      }
      session_prefix "" {
      \tpolicy = "write"
      }""";

  public static final String ANONYMOUS_TOKEN_ACCESSOR_ID = "00000000-0000-0000-0000-000000000002";
  public static final String ANONYMOUS_TOKEN_SECRET_ID = "anonymous";

  private BuiltinPolicies() {}
}
