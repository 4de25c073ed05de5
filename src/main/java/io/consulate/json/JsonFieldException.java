package io.consulate.json;

/** A JSON document that does not have the shape Consul expects; the message names the field. */
public class JsonFieldException extends RuntimeException {
  public JsonFieldException(String message) {
    super(message);
  }
}
