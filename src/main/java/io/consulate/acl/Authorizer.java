package io.consulate.acl;

/**
 * The yes/no questions the HTTP API and DNS ask about one token, Consul's acl.Authorizer with its answers already
 * resolved down the chain (token policies, then the default policy). Implementations are immutable and cheap to ask
 * from any thread.
 */
public interface Authorizer {
  boolean serviceRead(String name);

  /** Read on every service: Consul asks it for services imported from a peer and for whole-catalog views. */
  boolean serviceReadAll();

  boolean serviceWrite(String name);

  boolean nodeRead(String name);

  /** Read on every node, as {@link #serviceReadAll()}. */
  boolean nodeReadAll();

  boolean nodeWrite(String name);

  boolean keyRead(String key);

  /** Listing the keys under {@code prefix} ({@code ?keys}, {@code ?recurse}): needs {@code list} or write. */
  boolean keyList(String prefix);

  boolean keyWrite(String key);

  /** Deleting everything under {@code prefix}: refused if any more specific rule under it is not write. */
  boolean keyWritePrefix(String prefix);

  /** Sessions are governed by the name of the node they are bound to. */
  boolean sessionRead(String node);

  boolean sessionWrite(String node);

  /** Reading a prepared query's definition (not running it), by the query's name. */
  boolean queryRead(String name);

  boolean queryWrite(String name);

  boolean eventRead(String name);

  boolean eventWrite(String name);

  /** The /v1/agent endpoints of the agent named {@code node}. */
  boolean agentRead(String node);

  boolean agentWrite(String node);

  boolean operatorRead();

  boolean operatorWrite();

  /** Mesh configuration; a policy without a mesh rule answers as its operator rule does. */
  boolean meshRead();

  boolean meshWrite();

  /** Cluster peering; a policy without a peering rule answers as its operator rule does. */
  boolean peeringRead();

  boolean peeringWrite();

  boolean keyringRead();

  boolean keyringWrite();

  boolean aclRead();

  boolean aclWrite();
}
