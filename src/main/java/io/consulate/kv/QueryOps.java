package io.consulate.kv;

import java.util.Locale;

/**
 * The state's rules for prepared queries (Consul's state store): a name, case-insensitive, names one query and is
 * not another's ID; one template at most has the empty name (it matches every name); a session, when given,
 * exists. Indexes are stamped here.
 */
public final class QueryOps {
  private QueryOps() {}

  /** Creates or replaces {@code q}; {@code create} says which the caller asked for. */
  public static PreparedQuery put(KvChanges c, PreparedQuery q, boolean create) {
    PreparedQuery existing = c.query(q.id());
    if (create && existing != null) throw new KvException("prepared query ID '" + q.id() + "' is already in use");
    if (!create && existing == null) throw new KvException("Cannot modify non-existent prepared query: '" + q.id() + "'");
    if (!q.session().isEmpty() && c.session(q.session()) == null) {
      throw new KvException("invalid session \"" + q.session() + "\"");
    }
    String name = q.name().toLowerCase(Locale.ROOT);
    for (PreparedQuery other : c.queries()) {
      if (other.id().equals(q.id())) continue;
      if (!name.isEmpty() && other.name().toLowerCase(Locale.ROOT).equals(name)) {
        throw new KvException("name '" + q.name() + "' aliases an existing query name");
      }
      if (!name.isEmpty() && other.id().equalsIgnoreCase(name)) {
        throw new KvException("name '" + q.name() + "' aliases an existing query ID");
      }
      if (name.isEmpty() && q.templated() && other.templated() && other.name().isEmpty()) {
        throw new KvException("a query template with an empty name already exists");
      }
    }
    PreparedQuery stored = q.withIndexes(existing == null ? c.index() : existing.createIndex(), c.index());
    c.putQuery(stored);
    return stored;
  }

  public static void delete(KvChanges c, String id) {
    if (c.query(id) == null) throw new KvException("Cannot modify non-existent prepared query: '" + id + "'");
    c.deleteQuery(id);
  }
}
