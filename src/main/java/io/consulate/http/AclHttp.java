package io.consulate.http;

import io.consulate.acl.AclResolver;
import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;

/**
 * What the HTTP API needs of the agent's ACLs: the resolver every request's token goes through, the primary
 * datacenter (where policies, roles and global tokens are written), and this datacenter's replication state.
 *
 * @param replication Consul's {@code /v1/acl/replication} reply; null in the primary
 * @param setToken sets one of the agent's tokens ({@code PUT /v1/agent/token/<kind>}); false for an unknown kind
 */
public record AclHttp(AclResolver resolver, String primaryDatacenter, Supplier<JsonObject> replication,
    java.util.function.BiPredicate<String, String> setToken) {}
