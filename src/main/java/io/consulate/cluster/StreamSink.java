package io.consulate.cluster;

/**
 * The receiving end of a server's state stream: a whole state, then each log entry applied after it, in log
 * order. On a server, a client's link is one; on a client, its mirror is.
 */
public interface StreamSink {
  /** A whole state (what a log snapshot holds), replacing whatever was there. */
  void snapshot(byte[] state);

  /** The next applied log entry. */
  void entry(byte[] entry);

  /** The stream cannot go on from here (the server's state was replaced): start again with a fresh subscription. */
  default void broken() {}
}
