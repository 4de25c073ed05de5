package io.consulate.query;

/** No query has that ID or name: Consul's 404 {@code Query not found}, NXDOMAIN in DNS. */
public final class QueryNotFoundException extends QueryException {
  public QueryNotFoundException() {
    super("Query not found");
  }
}
