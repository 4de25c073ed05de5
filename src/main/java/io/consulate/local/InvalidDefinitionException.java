package io.consulate.local;

/** A definition that decodes but breaks Consul's rules (missing name, bad weights); HTTP 400 with this text. */
public class InvalidDefinitionException extends RuntimeException {
  public InvalidDefinitionException(String message) {
    super(message);
  }
}
