package io.consulate.kv;

/** A KV or session write the state rules refuse (an unknown session, a critical check); Consul answers 500. */
public class KvException extends RuntimeException {
  public KvException(String message) {
    super(message, null, false, false);
  }
}
