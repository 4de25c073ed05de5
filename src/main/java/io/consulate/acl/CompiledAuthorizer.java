package io.consulate.acl;

import static io.consulate.acl.AccessLevel.LIST;
import static io.consulate.acl.AccessLevel.READ;
import static io.consulate.acl.AccessLevel.WRITE;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

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

  /** The chain: this token's decision, or the fallback's answer when its rules decide nothing. */
  private static boolean decide(Decision decision, BooleanSupplier fallback) {
    return decision == Decision.DEFAULT ? fallback.getAsBoolean() : decision == Decision.ALLOW;
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
    return decide(named(Resource.SERVICE, name, READ), () -> fallback.serviceRead(name));
  }

  @Override
  public boolean serviceReadAll() {
    return decide(tables.get(Resource.SERVICE).all(READ), () -> fallback.serviceReadAll());
  }

  @Override
  public boolean serviceWrite(String name) {
    return decide(named(Resource.SERVICE, name, WRITE), () -> fallback.serviceWrite(name));
  }

  @Override
  public boolean nodeRead(String name) {
    return decide(named(Resource.NODE, name, READ), () -> fallback.nodeRead(name));
  }

  @Override
  public boolean nodeReadAll() {
    return decide(tables.get(Resource.NODE).all(READ), () -> fallback.nodeReadAll());
  }

  @Override
  public boolean nodeWrite(String name) {
    return decide(named(Resource.NODE, name, WRITE), () -> fallback.nodeWrite(name));
  }

  @Override
  public boolean keyRead(String key) {
    return decide(named(Resource.KEY, key, READ), () -> fallback.keyRead(key));
  }

  @Override
  public boolean keyList(String prefix) {
    return decide(named(Resource.KEY, prefix, LIST), () -> fallback.keyList(prefix));
  }

  @Override
  public boolean keyWrite(String key) {
    return decide(named(Resource.KEY, key, WRITE), () -> fallback.keyWrite(key));
  }

  @Override
  public boolean keyWritePrefix(String prefix) {
    return decide(tables.get(Resource.KEY).writePrefix(prefix), () -> fallback.keyWritePrefix(prefix));
  }

  @Override
  public boolean sessionRead(String node) {
    return decide(named(Resource.SESSION, node, READ), () -> fallback.sessionRead(node));
  }

  @Override
  public boolean sessionWrite(String node) {
    return decide(named(Resource.SESSION, node, WRITE), () -> fallback.sessionWrite(node));
  }

  @Override
  public boolean queryRead(String name) {
    return decide(named(Resource.QUERY, name, READ), () -> fallback.queryRead(name));
  }

  @Override
  public boolean queryWrite(String name) {
    return decide(named(Resource.QUERY, name, WRITE), () -> fallback.queryWrite(name));
  }

  @Override
  public boolean eventRead(String name) {
    return decide(named(Resource.EVENT, name, READ), () -> fallback.eventRead(name));
  }

  @Override
  public boolean eventWrite(String name) {
    return decide(named(Resource.EVENT, name, WRITE), () -> fallback.eventWrite(name));
  }

  @Override
  public boolean agentRead(String node) {
    return decide(named(Resource.AGENT, node, READ), () -> fallback.agentRead(node));
  }

  @Override
  public boolean agentWrite(String node) {
    return decide(named(Resource.AGENT, node, WRITE), () -> fallback.agentWrite(node));
  }

  @Override
  public boolean operatorRead() {
    return decide(scope(Scope.OPERATOR, READ), () -> fallback.operatorRead());
  }

  @Override
  public boolean operatorWrite() {
    return decide(scope(Scope.OPERATOR, WRITE), () -> fallback.operatorWrite());
  }

  @Override
  public boolean meshRead() {
    return decide(orOperator(Scope.MESH, READ), () -> fallback.meshRead());
  }

  @Override
  public boolean meshWrite() {
    return decide(orOperator(Scope.MESH, WRITE), () -> fallback.meshWrite());
  }

  @Override
  public boolean peeringRead() {
    return decide(orOperator(Scope.PEERING, READ), () -> fallback.peeringRead());
  }

  @Override
  public boolean peeringWrite() {
    return decide(orOperator(Scope.PEERING, WRITE), () -> fallback.peeringWrite());
  }

  @Override
  public boolean keyringRead() {
    return decide(scope(Scope.KEYRING, READ), () -> fallback.keyringRead());
  }

  @Override
  public boolean keyringWrite() {
    return decide(scope(Scope.KEYRING, WRITE), () -> fallback.keyringWrite());
  }

  @Override
  public boolean aclRead() {
    return decide(scope(Scope.ACL, READ), () -> fallback.aclRead());
  }

  @Override
  public boolean aclWrite() {
    return decide(scope(Scope.ACL, WRITE), () -> fallback.aclWrite());
  }
}
