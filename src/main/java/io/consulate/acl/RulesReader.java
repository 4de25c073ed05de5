package io.consulate.acl;

import io.consulate.json.Hcl;
import io.consulate.json.HclSyntaxException;
import io.consulate.json.JsonFieldException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns rules text into {@link PolicyRules} the way Consul does: decode first (any shape error is "Failed to parse
 * ACL rules: ..."), then validate in Consul's fixed order, so the first invalid rule named is the one Consul names.
 * As hashicorp/hcl v1 does, words are matched case-insensitively and unknown words are ignored.
 */
final class RulesReader {
  /** A rule as written, before its policy word is checked. */
  private record Written(Resource resource, boolean prefix, String name, String policy, String intentions) {}

  private final Map<String, List<Written>> written = new LinkedHashMap<>();
  private final Map<Scope, String> scopes = new EnumMap<>(Scope.class);

  private RulesReader() {}

  static PolicyRules read(String text) {
    JsonObject doc;
    try {
      doc = Hcl.parse(text, Set.of());
    } catch (HclSyntaxException | JsonFieldException e) {
      throw failed(e.getMessage());
    }
    RulesReader reader = new RulesReader();
    reader.decode(doc);
    return reader.validate();
  }

  private static AclRulesException failed(String reason) {
    return new AclRulesException("Failed to parse ACL rules: " + reason);
  }

  private void decode(JsonObject doc) {
    for (String key : doc.fieldNames()) {
      String word = key.toLowerCase(Locale.ROOT);
      Object value = doc.getValue(key);
      for (Scope scope : Scope.values()) {
        if (scope.word.equals(word)) scopes.put(scope, string(key, value));
      }
      for (Resource resource : Resource.values()) {
        for (boolean prefix : new boolean[] {false, true}) {
          if (resource.word(prefix).equals(word)) named(resource, prefix, key, value);
        }
      }
    }
  }

  /** {@code key "a" {...} key "b" {...}}: an object of names, or (JSON, repeated HCL blocks) a list of them. */
  private void named(Resource resource, boolean prefix, String path, Object value) {
    if (value instanceof JsonArray list) {
      for (int i = 0; i < list.size(); i++) named(resource, prefix, path + "[" + i + "]", list.getValue(i));
      return;
    }
    if (!(value instanceof JsonObject byName)) throw failed(path + ": expected a block with a name");
    for (String name : byName.fieldNames()) {
      Object body = byName.getValue(name);
      if (body instanceof JsonArray repeated) {
        for (int i = 0; i < repeated.size(); i++) rule(resource, prefix, path + "." + name + "[" + i + "]", name,
            repeated.getValue(i));
      } else {
        rule(resource, prefix, path + "." + name, name, body);
      }
    }
  }

  private void rule(Resource resource, boolean prefix, String path, String name, Object body) {
    if (!(body instanceof JsonObject fields)) throw failed(path + ": expected a block");
    String policy = "";
    String intentions = "";
    for (String field : fields.fieldNames()) {
      String word = field.toLowerCase(Locale.ROOT);
      if (word.equals("policy")) policy = string(path + "." + field, fields.getValue(field));
      if (word.equals("intentions") && resource == Resource.SERVICE) {
        intentions = string(path + "." + field, fields.getValue(field));
      }
    }
    written.computeIfAbsent(resource.word(prefix), w -> new ArrayList<>())
        .add(new Written(resource, prefix, name, policy, intentions));
  }

  /** A policy word; a number is read as its text, as hashicorp/hcl decodes a number into a string field. */
  private static String string(String path, Object value) {
    if (value == null) return "";
    if (value instanceof String s) return s;
    if (value instanceof Number n) return n.toString();
    throw failed(path + ": expected a string");
  }

  private PolicyRules validate() {
    Map<Scope, AccessLevel> levels = new EnumMap<>(Scope.class);
    scope(Scope.ACL, levels);
    List<Rule> rules = new ArrayList<>();
    for (Resource resource : Resource.values()) {
      for (boolean prefix : new boolean[] {false, true}) {
        for (Written w : written.getOrDefault(resource.word(prefix), List.of())) {
          AccessLevel access = valid(w.policy, resource.allowsList());
          if (access == null) throw invalid(w.resource.word(w.prefix) + " policy", w);
          if (!w.intentions.isEmpty() && valid(w.intentions, false) == null) {
            throw invalid(w.resource.word(w.prefix) + " intentions policy", w);
          }
          rules.add(new Rule(resource, w.name, prefix, access));
        }
      }
    }
    for (Scope scope : List.of(Scope.KEYRING, Scope.OPERATOR, Scope.MESH, Scope.PEERING)) scope(scope, levels);
    return new PolicyRules(rules, levels);
  }

  /** An unnamed rule; it may be empty ({@code operator = ""} sets nothing), as in Consul. */
  private void scope(Scope scope, Map<Scope, AccessLevel> levels) {
    String policy = scopes.getOrDefault(scope, "");
    if (policy.isEmpty()) return;
    AccessLevel access = valid(policy, false);
    if (access == null) throw new AclRulesException("Invalid " + scope.word + " policy: " + GoSyntax.quote(policy));
    levels.put(scope, access);
  }

  private static AccessLevel valid(String policy, boolean allowList) {
    AccessLevel access = AccessLevel.ofPolicy(policy);
    return access == AccessLevel.LIST && !allowList ? null : access;
  }

  private static AclRulesException invalid(String what, Written w) {
    return new AclRulesException("Invalid " + what + ": "
        + GoSyntax.rule(w.resource, w.name, w.policy, w.intentions));
  }
}
