package io.consulate.acl;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.TreeMap;

/**
 * The rules of one resource type, compiled into a character trie, as Consul keeps them in a radix tree
 * (acl/policy_authorizer.go): one walk down the name finds the exact rule, which beats every prefix rule, or else
 * the longest prefix rule. The walk costs the length of the name and allocates nothing, which suits the DNS path;
 * the trie is immutable once built, so lookups take no lock.
 */
final class RuleTable {
  /** One position in the trie: the rules whose name ends here, and the next characters in ascending order. */
  private static final class Node {
    AccessLevel exact = AccessLevel.UNSET;
    AccessLevel prefix = AccessLevel.UNSET;
    char[] keys = new char[0];
    Node[] next = new Node[0];
    /** Only while building. */
    TreeMap<Character, Node> building = new TreeMap<>();

    Node child(char c) {
      int i = Arrays.binarySearch(keys, c);
      return i < 0 ? null : next[i];
    }

    boolean hasRule() {
      return exact != AccessLevel.UNSET || prefix != AccessLevel.UNSET;
    }
  }

  private final Node root = new Node();

  RuleTable(List<Rule> rules) {
    for (Rule rule : rules) {
      Node n = root;
      for (int i = 0; i < rule.name().length(); i++) n = n.building.computeIfAbsent(rule.name().charAt(i), c -> new Node());
      if (rule.prefix()) n.prefix = rule.access();
      else n.exact = rule.access();
    }
    freeze(root);
  }

  private static void freeze(Node n) {
    n.keys = new char[n.building.size()];
    n.next = new Node[n.building.size()];
    int i = 0;
    for (var e : n.building.entrySet()) {
      n.keys[i] = e.getKey();
      n.next[i++] = e.getValue();
      freeze(e.getValue());
    }
    n.building = null;
  }

  /** The level that governs {@code name}: its exact rule, else its longest prefix rule, else UNSET. */
  AccessLevel access(String name) {
    Node n = root;
    AccessLevel longestPrefix = n.prefix;
    for (int i = 0; i < name.length(); i++) {
      n = n.child(name.charAt(i));
      if (n == null) return longestPrefix;
      if (n.prefix != AccessLevel.UNSET) longestPrefix = n.prefix;
    }
    return n.exact != AccessLevel.UNSET ? n.exact : longestPrefix;
  }

  /**
   * Consul's KeyWritePrefix, the check for a recursive delete: deny when the longest prefix rule covering
   * {@code prefix} is not write, or when any rule, exact or prefix, at or under {@code prefix} is not write; allow
   * when a covering prefix rule grants write; else no decision.
   */
  Decision writePrefix(String prefix) {
    Node n = root;
    Decision base = covering(n.prefix, Decision.DEFAULT);
    for (int i = 0; i < prefix.length() && n != null; i++) {
      n = n.child(prefix.charAt(i));
      if (n != null) base = covering(n.prefix, base);
    }
    if (base == Decision.DENY) return Decision.DENY;
    if (n == null) return base;
    Deque<Node> todo = new ArrayDeque<>();
    todo.push(n);
    while (!todo.isEmpty()) {
      Node at = todo.pop();
      if (notWrite(at.exact) || notWrite(at.prefix)) return Decision.DENY;
      for (Node child : at.next) todo.push(child);
    }
    return base;
  }

  private static Decision covering(AccessLevel prefixRule, Decision before) {
    if (prefixRule == AccessLevel.UNSET) return before;
    return prefixRule == AccessLevel.WRITE ? Decision.ALLOW : Decision.DENY;
  }

  private static boolean notWrite(AccessLevel level) {
    return level != AccessLevel.UNSET && level != AccessLevel.WRITE;
  }

  /**
   * Consul's allAllowed (ServiceReadAll, NodeReadAll): deny when the catch-all {@code ""} prefix rule or any rule
   * would deny {@code required}; allow when the catch-all grants it and nothing denies; else no decision. An exact
   * rule that decides nothing defers to the prefix rule of the same name.
   */
  Decision all(AccessLevel required) {
    Decision decision = root.prefix.enforce(required);
    if (decision == Decision.DENY) return Decision.DENY;
    Deque<Node> todo = new ArrayDeque<>();
    todo.push(root);
    while (!todo.isEmpty()) {
      Node at = todo.pop();
      if (at.hasRule() && leafDecision(at, required) == Decision.DENY) return Decision.DENY;
      for (Node child : at.next) todo.push(child);
    }
    return decision;
  }

  private static Decision leafDecision(Node at, AccessLevel required) {
    Decision byPrefix = at.prefix.enforce(required);
    if (byPrefix == Decision.DENY || at.exact == AccessLevel.UNSET) return byPrefix;
    Decision byExact = at.exact.enforce(required);
    return byExact == Decision.DEFAULT ? byPrefix : byExact;
  }
}
