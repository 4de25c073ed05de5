package io.consulate.acl;

/**
 * The ends of every chain, as Consul's acl/static_authorizer.go: one answer for every question, except that the ACL
 * system itself (aclRead, aclWrite) is answered only by {@code manage}. So default_policy "allow" still keeps
 * tokens and policies from anonymous callers.
 */
record StaticAuthorizer(boolean allow, boolean manage) implements Authorizer {
  @Override public boolean serviceRead(String name) { return allow; }
  @Override public boolean serviceReadAll() { return allow; }
  @Override public boolean serviceWrite(String name) { return allow; }
  @Override public boolean nodeRead(String name) { return allow; }
  @Override public boolean nodeReadAll() { return allow; }
  @Override public boolean nodeWrite(String name) { return allow; }
  @Override public boolean keyRead(String key) { return allow; }
  @Override public boolean keyList(String prefix) { return allow; }
  @Override public boolean keyWrite(String key) { return allow; }
  @Override public boolean keyWritePrefix(String prefix) { return allow; }
  @Override public boolean sessionRead(String node) { return allow; }
  @Override public boolean sessionWrite(String node) { return allow; }
  @Override public boolean queryRead(String name) { return allow; }
  @Override public boolean queryWrite(String name) { return allow; }
  @Override public boolean eventRead(String name) { return allow; }
  @Override public boolean eventWrite(String name) { return allow; }
  @Override public boolean agentRead(String node) { return allow; }
  @Override public boolean agentWrite(String node) { return allow; }
  @Override public boolean operatorRead() { return allow; }
  @Override public boolean operatorWrite() { return allow; }
  @Override public boolean meshRead() { return allow; }
  @Override public boolean meshWrite() { return allow; }
  @Override public boolean peeringRead() { return allow; }
  @Override public boolean peeringWrite() { return allow; }
  @Override public boolean keyringRead() { return allow; }
  @Override public boolean keyringWrite() { return allow; }
  @Override public boolean aclRead() { return manage; }
  @Override public boolean aclWrite() { return manage; }
}
