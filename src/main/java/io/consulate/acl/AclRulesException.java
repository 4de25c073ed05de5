package io.consulate.acl;

/**
 * Rules that Consul refuses, with Consul's message ("Failed to parse ACL rules: ...", "Invalid service policy:
 * ..."), which the ACL endpoints return as the reason of a 400.
 */
public class AclRulesException extends RuntimeException {
  public AclRulesException(String message) {
    super(message);
  }
}
