package io.consulate.acl;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of one ACL policy, parsed and validated as Consul parses a policy's Rules (acl/policy.go
 * NewPolicyFromSource). It is the input of {@link Authorizers#compile}; it makes no decision itself.
 */
public final class PolicyRules {
  static final PolicyRules EMPTY = new PolicyRules(List.of(), new EnumMap<>(Scope.class));

  private final List<Rule> rules;
  private final Map<Scope, AccessLevel> scopes;

  PolicyRules(List<Rule> rules, Map<Scope, AccessLevel> scopes) {
    this.rules = List.copyOf(rules);
    EnumMap<Scope, AccessLevel> copy = new EnumMap<>(Scope.class);
    copy.putAll(scopes);
    this.scopes = copy;
  }

  /**
   * Consul's rule language: HCL, or JSON when the text starts with '{'. Empty text is a policy without rules.
   *
   * @throws AclRulesException with Consul's message when the text does not parse or a rule is invalid
   */
  public static PolicyRules parse(String rules) {
    if (rules == null || rules.isEmpty()) return EMPTY;
    return RulesReader.read(rules);
  }

  List<Rule> rules() {
    return rules;
  }

  /** The access of an unnamed rule; {@link AccessLevel#UNSET} when the policy does not mention it. */
  AccessLevel scope(Scope scope) {
    return scopes.getOrDefault(scope, AccessLevel.UNSET);
  }
}
