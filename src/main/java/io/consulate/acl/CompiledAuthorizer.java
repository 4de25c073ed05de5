package io.consulate.acl;

import static io.consulate.acl.AccessLevel.LIST;
import static io.consulate.acl.AccessLevel.READ;
import static io.consulate.acl.AccessLevel.WRITE;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A token's merged policies, compiled once into one {@link RuleTable} per resource type, followed by the fallback
 * authorizer, as Consul chains its policy authorizer before the default policy (acl/chained_authorizer.go): where
 * no rule of the token decides, the fallback answers.
 */
final class CompiledAuthorizer implements Authorizer {
  private final Map<Resource, RuleTable> tables = new EnumMap<>(Resource.class);
  private final Map<Scope, AccessLevel> scopes = new EnumMap<>(Scope.class);
  private final Authorizer fallback;

  CompiledAuthorizer(PolicyRules merged, Authorizer fallback) {
    for (Resource resource : Resource.values()) {
      List<Rule> rules = merged.rules().stream().filter(r -> r.resource() == resource).toList();
      tables.put(resource, new RuleTable(rules));
    }
    for (Scope scope : Scope.values()) scopes.put(scope, merged.scope(scope));
    this.fallback = fallback;
  }

  private Decision named(Resource resource, String name, AccessLevel required) {
    return tables.get(resource).access(name).enforce(required);
  }

  private Decision scope(Scope scope, AccessLevel required) {
    return scopes.get(scope).enforce(required);
  }

  /** Mesh and peering rules default to the operator rule of the same policy (Consul's MeshRead, PeeringRead). */
  private Decision orOperator(Scope scope, AccessLevel required) {
    return scopes.get(scope) != AccessLevel.UNSET ? scope(scope, required) : scope(Scope.OPERATOR, required);
  }

  @Override
  public boolean serviceRead(String name) {
    Decision d = named(Resource.SERVICE, name, READ);
    return d == Decision.DEFAULT ? fallback.serviceRead(name) : d == Decision.ALLOW;
  }

  @Override
  public boolean serviceReadAll() {
    Decision d = tables.get(Resource.SERVICE).all(READ);
    return d == Decision.DEFAULT ? fallback.serviceReadAll() : d == Decision.ALLOW;
  }

  @Override
  public boolean serviceWrite(String name) {
    Decision d = named(Resource.SERVICE, name, WRITE);
    return d == Decision.DEFAULT ? fallback.serviceWrite(name) : d == Decision.ALLOW;
  }

  @Override
  public boolean nodeRead(String name) {
    Decision d = named(Resource.NODE, name, READ);
    return d == Decision.DEFAULT ? fallback.nodeRead(name) : d == Decision.ALLOW;
  }

  @Override
  public boolean nodeReadAll() {
    Decision d = tables.get(Resource.NODE).all(READ);
    return d == Decision.DEFAULT ? fallback.nodeReadAll() : d == Decision.ALLOW;
  }

  @Override
  public boolean nodeWrite(String name) {
    Decision d = named(Resource.NODE, name, WRITE);
    return d == Decision.DEFAULT ? fallback.nodeWrite(name) : d == Decision.ALLOW;
  }

  @Override
  public boolean keyRead(String key) {
    Decision d = named(Resource.KEY, key, READ);
    return d == Decision.DEFAULT ? fallback.keyRead(key) : d == Decision.ALLOW;
  }

  @Override
  public boolean keyList(String prefix) {
    Decision d = named(Resource.KEY, prefix, LIST);
    return d == Decision.DEFAULT ? fallback.keyList(prefix) : d == Decision.ALLOW;
  }

  @Override
  public boolean keyWrite(String key) {
    Decision d = named(Resource.KEY, key, WRITE);
    return d == Decision.DEFAULT ? fallback.keyWrite(key) : d == Decision.ALLOW;
  }

  @Override
  public boolean keyWritePrefix(String prefix) {
    Decision d = tables.get(Resource.KEY).writePrefix(prefix);
    return d == Decision.DEFAULT ? fallback.keyWritePrefix(prefix) : d == Decision.ALLOW;
  }

  @Override
  public boolean sessionRead(String node) {
    Decision d = named(Resource.SESSION, node, READ);
    return d == Decision.DEFAULT ? fallback.sessionRead(node) : d == Decision.ALLOW;
  }

  @Override
  public boolean sessionWrite(String node) {
    Decision d = named(Resource.SESSION, node, WRITE);
    return d == Decision.DEFAULT ? fallback.sessionWrite(node) : d == Decision.ALLOW;
  }

  @Override
  public boolean queryRead(String name) {
    Decision d = named(Resource.QUERY, name, READ);
    return d == Decision.DEFAULT ? fallback.queryRead(name) : d == Decision.ALLOW;
  }

  @Override
  public boolean queryWrite(String name) {
    Decision d = named(Resource.QUERY, name, WRITE);
    return d == Decision.DEFAULT ? fallback.queryWrite(name) : d == Decision.ALLOW;
  }

  @Override
  public boolean eventRead(String name) {
    Decision d = named(Resource.EVENT, name, READ);
    return d == Decision.DEFAULT ? fallback.eventRead(name) : d == Decision.ALLOW;
  }

  @Override
  public boolean eventWrite(String name) {
    Decision d = named(Resource.EVENT, name, WRITE);
    return d == Decision.DEFAULT ? fallback.eventWrite(name) : d == Decision.ALLOW;
  }

  @Override
  public boolean agentRead(String node) {
    Decision d = named(Resource.AGENT, node, READ);
    return d == Decision.DEFAULT ? fallback.agentRead(node) : d == Decision.ALLOW;
  }

  @Override
  public boolean agentWrite(String node) {
    Decision d = named(Resource.AGENT, node, WRITE);
    return d == Decision.DEFAULT ? fallback.agentWrite(node) : d == Decision.ALLOW;
  }

  @Override
  public boolean operatorRead() {
    Decision d = scope(Scope.OPERATOR, READ);
    return d == Decision.DEFAULT ? fallback.operatorRead() : d == Decision.ALLOW;
  }

  @Override
  public boolean operatorWrite() {
    Decision d = scope(Scope.OPERATOR, WRITE);
    return d == Decision.DEFAULT ? fallback.operatorWrite() : d == Decision.ALLOW;
  }

  @Override
  public boolean meshRead() {
    Decision d = orOperator(Scope.MESH, READ);
    return d == Decision.DEFAULT ? fallback.meshRead() : d == Decision.ALLOW;
  }

  @Override
  public boolean meshWrite() {
    Decision d = orOperator(Scope.MESH, WRITE);
    return d == Decision.DEFAULT ? fallback.meshWrite() : d == Decision.ALLOW;
  }

  @Override
  public boolean peeringRead() {
    Decision d = orOperator(Scope.PEERING, READ);
    return d == Decision.DEFAULT ? fallback.peeringRead() : d == Decision.ALLOW;
  }

  @Override
  public boolean peeringWrite() {
    Decision d = orOperator(Scope.PEERING, WRITE);
    return d == Decision.DEFAULT ? fallback.peeringWrite() : d == Decision.ALLOW;
  }

  @Override
  public boolean keyringRead() {
    Decision d = scope(Scope.KEYRING, READ);
    return d == Decision.DEFAULT ? fallback.keyringRead() : d == Decision.ALLOW;
  }

  @Override
  public boolean keyringWrite() {
    Decision d = scope(Scope.KEYRING, WRITE);
    return d == Decision.DEFAULT ? fallback.keyringWrite() : d == Decision.ALLOW;
  }

  @Override
  public boolean aclRead() {
    Decision d = scope(Scope.ACL, READ);
    return d == Decision.DEFAULT ? fallback.aclRead() : d == Decision.ALLOW;
  }

  @Override
  public boolean aclWrite() {
    Decision d = scope(Scope.ACL, WRITE);
    return d == Decision.DEFAULT ? fallback.aclWrite() : d == Decision.ALLOW;
  }
}
