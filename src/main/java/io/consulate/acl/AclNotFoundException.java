package io.consulate.acl;

/** A request's token is not a known SecretID: Consul answers 403 "ACL not found". */
public final class AclNotFoundException extends RuntimeException {
  public AclNotFoundException() {
    super("ACL not found", null, false, false);
  }
}
