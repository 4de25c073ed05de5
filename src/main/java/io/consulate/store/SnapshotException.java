package io.consulate.store;

/** A snapshot archive that cannot be used, with the reason in one line. */
public final class SnapshotException extends RuntimeException {
  public SnapshotException(String message) {
    super(message);
  }
}
