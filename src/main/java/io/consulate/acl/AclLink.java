package io.consulate.acl;

/** A token's or role's reference to a policy or role: its ID, and its name as shown to users. */
public record AclLink(String id, String name) {}
