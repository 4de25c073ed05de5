package io.consulate.cluster;

/** A server's applied state as a stream: what a client's link subscribes to. */
public interface StreamSource {
  /**
   * Delivers what {@code sink} lacks after {@code fromApplied} log entries (-1: it has nothing): the entries
   * since, when this server still holds them, or else a whole state; then every entry applied from now on.
   */
  Subscription subscribe(long fromApplied, StreamSink sink);

  interface Subscription {
    void cancel();
  }
}
