package io.consulate.agent;

/** A configuration that cannot be used; the message names the file (or flag) and the reason, on one line. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
