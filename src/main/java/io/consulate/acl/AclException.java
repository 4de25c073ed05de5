package io.consulate.acl;

/** A refused ACL write (a bad name, a missing policy, a second bootstrap): its message is Consul's, for the user. */
public class AclException extends RuntimeException {
  public AclException(String message) {
    super(message);
  }
}
