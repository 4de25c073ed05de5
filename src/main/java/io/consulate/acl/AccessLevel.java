package io.consulate.acl;

import java.util.Locale;

/**
 * The access a rule grants, as Consul's acl.AccessLevel. {@link #UNSET} is a rule that is absent, so the decision
 * falls through to the next authorizer instead of being a denial.
 */
public enum AccessLevel {
  UNSET, DENY, READ, LIST, WRITE;

  /**
   * A rule's policy word. Consul lower-cases it first (acl/policy.go AccessLevelFromString), so "Write" is write;
   * null for any other word, which the parser reports with the rule.
   */
  static AccessLevel ofPolicy(String word) {
    return switch (word.toLowerCase(Locale.ROOT)) {
      case "deny" -> DENY;
      case "read" -> READ;
      case "list" -> LIST;
      case "write" -> WRITE;
      default -> null;
    };
  }

  /**
   * Consul's enforce(): write grants read, list and write; list grants read and list; read grants read; deny denies
   * and stops; unset decides nothing.
   */
  Decision enforce(AccessLevel required) {
    return switch (this) {
      case WRITE -> Decision.ALLOW;
      case LIST -> required == READ || required == LIST ? Decision.ALLOW : Decision.DENY;
      case READ -> required == READ ? Decision.ALLOW : Decision.DENY;
      case DENY -> Decision.DENY;
      case UNSET -> Decision.DEFAULT;
    };
  }

  /**
   * Whether this level wins over {@code other} when two policies of a token name the same resource: deny beats
   * write beats list beats read beats unset (Consul's takesPrecedenceOver). Ties keep the rule already there.
   */
  boolean beats(AccessLevel other) {
    return rank() > other.rank();
  }

  private int rank() {
    return switch (this) {
      case UNSET -> 0;
      case READ -> 1;
      case LIST -> 2;
      case WRITE -> 3;
      case DENY -> 4;
    };
  }
}
