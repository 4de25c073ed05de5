package io.consulate.query;

import io.consulate.kv.PreparedQuery;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which stored query answers an ID or a name (Consul's {@code PreparedQueryResolve}): a UUID is an ID; otherwise an
 * exact name (case-insensitive), else the template with the longest name that prefixes it (the template with the
 * empty name prefixes every name). A template found by name is rendered with the name asked.
 */
public final class QueryResolver {
  private static final Pattern UUID = Pattern.compile("(?i)^[\\da-f]{8}-[\\da-f]{4}-[\\da-f]{4}-[\\da-f]{4}-[\\da-f]{12}$");

  private QueryResolver() {}

  /** A stored query and its definition as it answers the name asked. */
  public record Resolved(PreparedQuery stored, QueryDefinition definition) {}

  public static Resolved resolve(String idOrName, Collection<PreparedQuery> queries) {
    if (idOrName.isEmpty()) throw new QueryException("Missing Query ID");
    if (UUID.matcher(idOrName).matches()) {
      for (PreparedQuery q : queries) {
        if (!q.id().equalsIgnoreCase(idOrName)) continue;
        if (q.templated()) throw new QueryException("prepared query templates can only be resolved up by name, not by ID");
        return new Resolved(q, QueryDefinition.decode(q.definition()));
      }
      // No such ID: Consul goes on to names, so a catch-all template answers it.
    }
    String name = idOrName.toLowerCase(Locale.ROOT);
    PreparedQuery best = null;
    for (PreparedQuery q : queries) {
      String candidate = q.name().toLowerCase(Locale.ROOT);
      if (candidate.equals(name) && !candidate.isEmpty()) {
        best = q;
        break;
      }
      if (q.templated() && name.startsWith(candidate) && (best == null || candidate.length() > best.name().length())) {
        best = q;
      }
    }
    if (best == null) throw new QueryNotFoundException();
    return new Resolved(best, QueryTemplate.render(QueryDefinition.decode(best.definition()), idOrName));
  }
}
