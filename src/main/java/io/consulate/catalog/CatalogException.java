package io.consulate.catalog;

/** A write that the catalog rules refuse (unknown node, check for a missing service); maps to HTTP 400/404. */
public class CatalogException extends RuntimeException {
  public CatalogException(String message) {
    super(message);
  }
}
