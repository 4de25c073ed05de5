/**
 * Consul's ACL rule language (HCL or JSON policies) and the authorizer compiled from a token's policies once, so
 * that every HTTP and DNS read or write asks a cheap yes/no question with Consul's exact answer.
 */
package io.consulate.acl;
