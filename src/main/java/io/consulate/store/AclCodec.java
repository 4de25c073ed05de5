package io.consulate.store;

import io.consulate.acl.AclJson;
import io.consulate.acl.AclPolicy;
import io.consulate.acl.AclRole;
import io.consulate.acl.AclState;
import io.consulate.acl.AclToken;
import io.consulate.json.Fields;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ACL tables in stored form, in the same key space as {@link KvCodec}'s (in the log's snapshots and operators'
 * archives): Consul's JSON under a prefix per table, and the table indexes. A server of an older version ignores
 * these keys, so a snapshot with ACLs still loads there.
 */
final class AclCodec {
  static final String TOKEN = "a/t/";
  static final String POLICY = "a/p/";
  static final String ROLE = "a/r/";
  static final String TOKEN_INDEX = "i/acl-tokens";
  static final String POLICY_INDEX = "i/acl-policies";
  static final String ROLE_INDEX = "i/acl-roles";
  static final String BOOTSTRAP_INDEX = "i/acl-bootstrap";

  private AclCodec() {}

  static Map<String, String> stored(AclState state) {
    Map<String, String> out = new HashMap<>();
    if (state.index() == 0) return out;
    for (AclToken t : state.tokens()) out.put(TOKEN + t.accessorId(), AclJson.token(t).encode());
    for (AclPolicy p : state.policies()) out.put(POLICY + p.id(), AclJson.policy(p).encode());
    for (AclRole r : state.roles()) out.put(ROLE + r.id(), AclJson.role(r).encode());
    out.put(TOKEN_INDEX, Long.toString(state.tokenIndex()));
    out.put(POLICY_INDEX, Long.toString(state.policyIndex()));
    out.put(ROLE_INDEX, Long.toString(state.roleIndex()));
    out.put(BOOTSTRAP_INDEX, Long.toString(state.bootstrapIndex()));
    return out;
  }

  static AclState state(Map<String, String> stored) {
    TreeMap<String, AclToken> tokens = new TreeMap<>();
    TreeMap<String, AclPolicy> policies = new TreeMap<>();
    TreeMap<String, AclRole> roles = new TreeMap<>();
    for (Map.Entry<String, String> e : stored.entrySet()) {
      String k = e.getKey();
      if (k.startsWith(TOKEN)) {
        tokens.put(k.substring(TOKEN.length()), AclJson.token(fields(e.getValue()), "", "", ""));
      } else if (k.startsWith(POLICY)) {
        policies.put(k.substring(POLICY.length()), AclJson.policy(fields(e.getValue()), ""));
      } else if (k.startsWith(ROLE)) {
        roles.put(k.substring(ROLE.length()), AclJson.role(fields(e.getValue()), ""));
      }
    }
    return new AclState(tokens, policies, roles, index(stored, TOKEN_INDEX), index(stored, POLICY_INDEX),
        index(stored, ROLE_INDEX), index(stored, BOOTSTRAP_INDEX));
  }

  /** Whether a stored key is an ACL table's, for a snapshot's inspection: "ACL tokens" and so on, or null. */
  static String kindOf(String storedKey) {
    if (storedKey.startsWith(TOKEN)) return "ACL tokens";
    if (storedKey.startsWith(POLICY)) return "ACL policies";
    return storedKey.startsWith(ROLE) ? "ACL roles" : null;
  }

  private static Fields fields(String json) {
    return Fields.of(new JsonObject(json));
  }

  private static long index(Map<String, String> stored, String key) {
    String v = stored.get(key);
    return v == null ? 0 : Long.parseLong(v);
  }
}
