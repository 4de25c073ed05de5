package io.consulate.acl;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A token's policies as one, as Consul's acl/policy_merger.go: for the same resource, kind (exact or prefix) and
 * name, and for each unnamed rule, the stronger level wins, deny beating write beating list beating read. The same
 * holds for two rules of one policy. Merging first is what makes a deny in any policy of the token win.
 */
final class PolicyMerger {
  private record Target(Resource resource, boolean prefix, String name) {}

  private PolicyMerger() {}

  static PolicyRules merge(List<PolicyRules> policies) {
    Map<Target, AccessLevel> named = new LinkedHashMap<>();
    Map<Scope, AccessLevel> scopes = new EnumMap<>(Scope.class);
    for (PolicyRules policy : policies) {
      for (Rule rule : policy.rules()) {
        Target target = new Target(rule.resource(), rule.prefix(), rule.name());
        AccessLevel had = named.getOrDefault(target, AccessLevel.UNSET);
        if (rule.access().beats(had)) named.put(target, rule.access());
      }
      for (Scope scope : Scope.values()) {
        AccessLevel level = policy.scope(scope);
        if (level.beats(scopes.getOrDefault(scope, AccessLevel.UNSET))) scopes.put(scope, level);
      }
    }
    List<Rule> rules = new ArrayList<>(named.size());
    named.forEach((t, access) -> rules.add(new Rule(t.resource(), t.name(), t.prefix(), access)));
    return new PolicyRules(rules, scopes);
  }
}
