package io.consulate.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Base of the {@code acl} commands: the API calls they share, ID prefixes resolved as Consul's
 * {@code command/acl/acl_helpers.go} does, and one error line with Consul's wording when a step fails.
 */
abstract class AclHttpCommand extends HttpCommand implements Callable<Integer> {
  /** A step that failed; its message is the whole line Consul prints. */
  static final class Failure extends Exception {
    Failure(String line) {
      super(line);
    }
  }

  @Override
  public final Integer call() throws Exception {
    try {
      return run();
    } catch (Failure f) {
      return fail(f.getMessage());
    }
  }

  abstract int run() throws Exception;

  /** Prints as Consul's {@code UI.Info}: the text and a newline. */
  static int print(String out) {
    System.out.println(out);
    return 0;
  }

  /** A JSON object from the API; a failure is {@code failure + ": " + Unexpected response code...}. */
  JsonObject object(String method, String path, JsonObject body, String failure) throws Failure, InterruptedException {
    String text = call(method, path, body, failure);
    return text.isBlank() ? new JsonObject() : new JsonObject(text);
  }

  /** A DELETE, whose answer ({@code true}) says nothing more than its status does. */
  void delete(String path, String failure) throws Failure, InterruptedException {
    call("DELETE", path, null, failure);
  }

  JsonArray array(String path, String failure) throws Failure, InterruptedException {
    return new JsonArray(call("GET", path, null, failure));
  }

  private String call(String method, String path, JsonObject body, String failure) throws Failure, InterruptedException {
    try {
      return send(method, path, body == null ? null : body.encode().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new Failure(failure + ": " + e.getMessage());
    }
  }

  /** The kinds of ACL object that can be named by a unique ID prefix. */
  enum Kind {
    TOKEN("token", "/v1/acl/tokens", "AccessorID", "anonymous", "00000000-0000-0000-0000-000000000002"),
    POLICY("policy", "/v1/acl/policies", "ID", "global-management", "00000000-0000-0000-0000-000000000001"),
    ROLE("role", "/v1/acl/roles", "ID", null, null);

    final String noun;
    final String list;
    final String idField;
    final String alias;
    final String aliasId;

    Kind(String noun, String list, String idField, String alias, String aliasId) {
      this.noun = noun;
      this.list = list;
      this.idField = idField;
      this.alias = alias;
      this.aliasId = aliasId;
    }
  }

  /** The full ID for a unique prefix (a 36-character ID is taken as is); failures start with {@code failure}. */
  String id(Kind kind, String partial, String failure) throws Failure, InterruptedException {
    if (partial.equals(kind.alias)) return kind.aliasId;
    if (partial.length() == 36) return partial;
    String found = null;
    JsonArray all = array(kind.list, failure);
    for (int i = 0; i < all.size(); i++) {
      String id = all.getJsonObject(i).getString(kind.idField, "");
      if (!id.startsWith(partial)) continue;
      if (found != null) throw new Failure(failure + ": Partial " + kind.noun + " ID is not unique");
      found = id;
    }
    if (found == null) throw new Failure(failure + ": No such " + kind.noun + " ID with prefix: " + partial);
    return found;
  }

  /**
   * The ID of the policy or role given by {@code -id} (a unique prefix) or else {@code -name}, as Consul's
   * {@code GetPolicyIDByName} and {@code GetRoleIDByName} find it.
   */
  String idOrName(Kind kind, String id, String name) throws Failure, InterruptedException {
    String failure = "Error determining " + kind.noun + " ID";
    if (!id.isEmpty()) return id(kind, id, failure);
    if (kind == Kind.POLICY) {
      return object("GET", "/v1/acl/policy/name/" + encode(name), null,
          failure + ": Failed to find policy with name " + name).getString("ID");
    }
    JsonArray all = array(kind.list, failure);
    for (int i = 0; i < all.size(); i++) {
      if (name.equals(all.getJsonObject(i).getString("Name"))) return all.getJsonObject(i).getString("ID");
    }
    throw new Failure(failure + ": No such " + kind.noun + " with name " + name);
  }

  /** A policy or role read by {@code -id} (a unique prefix) or else by {@code -name}, through the name endpoint. */
  JsonObject read(Kind kind, String id, String name) throws Failure, InterruptedException {
    String path = id.isEmpty() ? "/v1/acl/" + kind.noun + "/name/" + encode(name)
        : "/v1/acl/" + kind.noun + "/" + encode(id(kind, id, "Error determining " + kind.noun + " ID"));
    return object("GET", path, null, "Error reading " + kind.noun + " \"" + (id.isEmpty() ? name : id) + "\"");
  }

  /** Policy (or role) links: names as given (the agent resolves them), ID prefixes resolved here. */
  JsonArray links(Kind kind, List<String> names, List<String> ids) throws Failure, InterruptedException {
    JsonArray out = new JsonArray();
    for (String n : names) out.add(new JsonObject().put("Name", n));
    for (String p : ids) out.add(new JsonObject().put("ID", id(kind, p, "Error resolving " + kind.noun + " ID " + p)));
    return out;
  }

  /** {@code -service-identity NAME[:DC1,DC2]}, as {@code ExtractServiceIdentities}. */
  static JsonArray serviceIdentities(List<String> raw) throws Failure {
    JsonArray out = new JsonArray();
    for (String s : raw) {
      String[] parts = s.split(":", -1);
      if (parts.length > 2) throw new Failure("Malformed -service-identity argument: " + GoJson.indent(s));
      JsonObject id = new JsonObject().put("ServiceName", parts[0]);
      if (parts.length == 2) id.put("Datacenters", new JsonArray(List.of((Object[]) parts[1].split(",", -1))));
      out.add(id);
    }
    return out;
  }

  /** {@code -node-identity NAME:DC}, as {@code ExtractNodeIdentities}. */
  static JsonArray nodeIdentities(List<String> raw) throws Failure {
    JsonArray out = new JsonArray();
    for (String s : raw) {
      String[] parts = s.split(":", -1);
      if (parts.length != 2) throw new Failure("Malformed -node-identity argument: " + GoJson.indent(s));
      out.add(new JsonObject().put("NodeName", parts[0]).put("Datacenter", parts[1]));
    }
    return out;
  }
}
