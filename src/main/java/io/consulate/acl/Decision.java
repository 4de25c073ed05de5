package io.consulate.acl;

/**
 * One authorizer's answer, as Consul's EnforcementDecision: allow, deny, or no opinion ({@link #DEFAULT}), which
 * passes the question to the fallback authorizer (Consul's chained authorizer).
 */
enum Decision {
  ALLOW, DENY, DEFAULT
}
