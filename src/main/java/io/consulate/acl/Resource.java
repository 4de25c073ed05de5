package io.consulate.acl;

/**
 * The named resources of Consul's rule language, each written as {@code <word> "name" {...}} for an exact name and
 * {@code <word>_prefix "name" {...}} for a prefix. The order is the one in which Consul validates them
 * (acl/policy.go PolicyRules.Validate), so the first invalid rule reported is Consul's. The Go names let an error
 * quote the rule as Consul's {@code %#v} does.
 */
enum Resource {
  AGENT("agent", "AgentRule", "Node", ""),
  KEY("key", "KeyRule", "Prefix", ", EnterpriseRule:acl.EnterpriseRule{}"),
  NODE("node", "NodeRule", "Name", ", EnterpriseRule:acl.EnterpriseRule{}"),
  SERVICE("service", "ServiceRule", "Name", ", EnterpriseRule:acl.EnterpriseRule{}"),
  SESSION("session", "SessionRule", "Node", ""),
  EVENT("event", "EventRule", "Event", ""),
  QUERY("query", "PreparedQueryRule", "Prefix", "");

  /** The word in the rules: {@code key}, and {@code key_prefix} for prefix rules. */
  final String word;
  final String goType;
  final String goNameField;
  /** What Consul CE's %#v prints after the Go fields of this rule type. */
  final String goTail;

  Resource(String word, String goType, String goNameField, String goTail) {
    this.word = word;
    this.goType = goType;
    this.goNameField = goNameField;
    this.goTail = goTail;
  }

  /** Keys alone may grant {@code list} (the prefix listing of KV), as in Consul's isPolicyValid(policy, allowList). */
  boolean allowsList() {
    return this == KEY;
  }

  String word(boolean prefix) {
    return prefix ? word + "_prefix" : word;
  }
}
