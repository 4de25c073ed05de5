package io.consulate.kv;

/**
 * A stored prepared query: its identity and the definition as the user gave it (Consul's JSON, the
 * {@code io.consulate.query} package reads it). Stored with the sessions, as in Consul, because a query bound to
 * a session ends with it.
 *
 * @param name empty for an unnamed query (it must then be bound to a session)
 * @param templated whether the definition is a template ({@code Template.Type} set): resolved by name prefix
 * @param definition the definition JSON, without ID and indexes
 */
public record PreparedQuery(String id, String name, String session, boolean templated, String definition,
    long createIndex, long modifyIndex) {
  public PreparedQuery withIndexes(long create, long modify) {
    return new PreparedQuery(id, name, session, templated, definition, create, modify);
  }
}
