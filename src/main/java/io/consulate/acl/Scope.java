package io.consulate.acl;

/**
 * The unnamed rules of Consul's language, one word each ({@code operator = "read"}), in the order Consul validates
 * them: acl first, then keyring, operator, mesh, peering after the named rules. None of them may be {@code list}.
 */
enum Scope {
  ACL("acl"), KEYRING("keyring"), OPERATOR("operator"), MESH("mesh"), PEERING("peering");

  final String word;

  Scope(String word) {
    this.word = word;
  }
}
