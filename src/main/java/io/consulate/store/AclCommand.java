package io.consulate.store;

import io.consulate.acl.AclJson;
import io.consulate.acl.AclOps;
import io.consulate.acl.AclPolicy;
import io.consulate.acl.AclRole;
import io.consulate.acl.AclToken;
import io.consulate.json.Fields;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * ACL writes (Consul's ACL RPCs): bootstrap, the leader's initialization, tokens, policies and roles, each checked
 * by {@link AclOps} against the latest state. IDs, secrets and times are chosen by the submitting node and travel in
 * the command, so every server applies the same write. Type 9, new in protocol 3 (Consulate 0.1.0 cannot read it).
 */
public sealed interface AclCommand<R> extends Command<R> {
  @Override
  default int protocol() {
    return 3;
  }

  /** A write that answers nothing but its index. */
  sealed interface NoAnswer extends AclCommand<Void> {
    @Override
    default Object encodeResult(Void result) {
      return null;
    }

    @Override
    default Void decodeResult(Object encoded) {
      return null;
    }
  }

  /** Answers the stored token. */
  record Bootstrap(AclToken token) implements AclCommand<AclToken> {
    public AclToken apply(Mutation m) {
      return AclOps.bootstrap(m.acl(), token);
    }

    public JsonObject toJson() {
      return new JsonObject().put("bootstrap", AclJson.token(token));
    }

    public Object encodeResult(AclToken result) {
      return AclJson.token(result);
    }

    public AclToken decodeResult(Object encoded) {
      return decodeToken(encoded);
    }
  }

  /** The leader's first duty with ACLs on: the built-in policy, the anonymous token, the initial management token. */
  record Init(AclToken initialManagement, String createTime) implements NoAnswer {
    public Void apply(Mutation m) {
      if (initialManagement != null) AclOps.initialManagement(m.acl(), initialManagement);
      else AclOps.ensureBuiltins(m.acl(), createTime);
      return null;
    }

    public JsonObject toJson() {
      return new JsonObject().put("init", initialManagement == null ? null : AclJson.token(initialManagement))
          .put("time", createTime);
    }
  }

  record PutToken(AclToken token, boolean create) implements AclCommand<AclToken> {
    public AclToken apply(Mutation m) {
      return AclOps.putToken(m.acl(), token, create);
    }

    public JsonObject toJson() {
      return new JsonObject().put("token", AclJson.token(token)).put("create", create);
    }

    public Object encodeResult(AclToken result) {
      return AclJson.token(result);
    }

    public AclToken decodeResult(Object encoded) {
      return decodeToken(encoded);
    }
  }

  /** {@code requestAccessor}: the token of the request, which may not delete itself. */
  record DeleteToken(String accessorId, String requestAccessor) implements NoAnswer {
    public Void apply(Mutation m) {
      AclOps.deleteToken(m.acl(), accessorId, requestAccessor);
      return null;
    }

    public JsonObject toJson() {
      return new JsonObject().put("deleteToken", accessorId).put("by", requestAccessor);
    }
  }

  record PutPolicy(AclPolicy policy, boolean create) implements AclCommand<AclPolicy> {
    public AclPolicy apply(Mutation m) {
      return AclOps.putPolicy(m.acl(), policy, create);
    }

    public JsonObject toJson() {
      return new JsonObject().put("policy", AclJson.policy(policy)).put("create", create);
    }

    public Object encodeResult(AclPolicy result) {
      return AclJson.policy(result);
    }

    public AclPolicy decodeResult(Object encoded) {
      return AclJson.policy(Fields.of((JsonObject) encoded), "");
    }
  }

  record DeletePolicy(String id) implements NoAnswer {
    public Void apply(Mutation m) {
      AclOps.deletePolicy(m.acl(), id);
      return null;
    }

    public JsonObject toJson() {
      return new JsonObject().put("deletePolicy", id);
    }
  }

  record PutRole(AclRole role, boolean create) implements AclCommand<AclRole> {
    public AclRole apply(Mutation m) {
      return AclOps.putRole(m.acl(), role, create);
    }

    public JsonObject toJson() {
      return new JsonObject().put("role", AclJson.role(role)).put("create", create);
    }

    public Object encodeResult(AclRole result) {
      return AclJson.role(result);
    }

    public AclRole decodeResult(Object encoded) {
      return AclJson.role(Fields.of((JsonObject) encoded), "");
    }
  }

  record DeleteRole(String id) implements NoAnswer {
    public Void apply(Mutation m) {
      AclOps.deleteRole(m.acl(), id);
      return null;
    }

    public JsonObject toJson() {
      return new JsonObject().put("deleteRole", id);
    }
  }

  /** A secondary datacenter's copy of the primary's ACLs ({@link AclOps#replicate}); the JSON is the primary's. */
  record Replicate(JsonObject primary) implements NoAnswer {
    public Void apply(Mutation m) {
      List<AclPolicy> policies = new ArrayList<>();
      for (Object o : primary.getJsonArray("Policies")) policies.add(AclJson.policy(Fields.of((JsonObject) o), ""));
      List<AclRole> roles = new ArrayList<>();
      for (Object o : primary.getJsonArray("Roles")) roles.add(AclJson.role(Fields.of((JsonObject) o), ""));
      List<AclToken> tokens = new ArrayList<>();
      for (Object o : primary.getJsonArray("Tokens")) tokens.add(decodeToken(o));
      AclOps.replicate(m.acl(), policies, roles, tokens, primary.getBoolean("Bootstrapped", false));
      return null;
    }

    public JsonObject toJson() {
      return new JsonObject().put("replicate", primary);
    }
  }

  private static AclToken decodeToken(Object encoded) {
    return AclJson.token(Fields.of((JsonObject) encoded), "", "", "");
  }

  static AclCommand<?> fromJson(JsonObject j) {
    if (j.containsKey("bootstrap")) return new Bootstrap(decodeToken(j.getJsonObject("bootstrap")));
    if (j.containsKey("init")) {
      JsonObject t = j.getJsonObject("init");
      return new Init(t == null ? null : decodeToken(t), j.getString("time"));
    }
    if (j.containsKey("token")) return new PutToken(decodeToken(j.getJsonObject("token")), j.getBoolean("create"));
    if (j.containsKey("deleteToken")) return new DeleteToken(j.getString("deleteToken"), j.getString("by"));
    if (j.containsKey("policy")) {
      return new PutPolicy(AclJson.policy(Fields.of(j.getJsonObject("policy")), ""), j.getBoolean("create"));
    }
    if (j.containsKey("deletePolicy")) return new DeletePolicy(j.getString("deletePolicy"));
    if (j.containsKey("role")) return new PutRole(AclJson.role(Fields.of(j.getJsonObject("role")), ""), j.getBoolean("create"));
    if (j.containsKey("deleteRole")) return new DeleteRole(j.getString("deleteRole"));
    if (j.containsKey("replicate")) return new Replicate(j.getJsonObject("replicate"));
    throw new IllegalArgumentException("unknown ACL command " + j.fieldNames());
  }
}
