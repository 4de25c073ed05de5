package io.consulate.local;

/** A service or check id this agent does not have; HTTP 404 with this text. */
public class UnknownIdException extends RuntimeException {
  public UnknownIdException(String message) {
    super(message, null, false, false);
  }
}
