package io.consulate.query;

/** A prepared query refused or not runnable, with Consul's message; HTTP answers it 500, as Consul does. */
public class QueryException extends RuntimeException {
  public QueryException(String message) {
    super(message);
  }
}
