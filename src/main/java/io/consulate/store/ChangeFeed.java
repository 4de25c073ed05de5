package io.consulate.store;

import io.consulate.cluster.StreamSink;
import io.consulate.cluster.StreamSource;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A server's applied log as a stream for its clients' mirrors: the recent entries, kept so a client that
 * reconnects resumes where it stopped, and the subscribers, handed each entry as it is applied. Subscribing
 * and appending both hold the state's lock, so a subscriber gets every entry after its starting point exactly
 * once, in log order. A client further behind than the entries kept gets a whole state instead.
 */
final class ChangeFeed implements StreamSource {
  /** Recent entries kept for resuming: a few seconds of a write burst. */
  static final int KEEP_ENTRIES = 8_192;
  static final long KEEP_BYTES = 32L * 1024 * 1024;

  private final ReplicatedState state;
  /** Guarded by {@code state}'s lock, as are the two below. */
  private final ArrayDeque<byte[]> recent = new ArrayDeque<>();
  private long recentBytes;
  private final Set<StreamSink> sinks = ConcurrentHashMap.newKeySet();

  ChangeFeed(ReplicatedState state) {
    this.state = state;
  }

  /** An entry was applied (the newest of {@link #recent} is always the last applied); state's lock held. */
  void appended(byte[] data, int offset, int length) {
    byte[] entry = java.util.Arrays.copyOfRange(data, offset, offset + length);
    recent.addLast(entry);
    recentBytes += entry.length;
    while (recent.size() > KEEP_ENTRIES || recentBytes > KEEP_BYTES) recentBytes -= recent.removeFirst().length;
    for (StreamSink s : sinks) s.entry(entry);
  }

  /** The whole state was replaced (a snapshot from the leader): no subscriber can continue from what it has. */
  void replaced() {
    recent.clear();
    recentBytes = 0;
    for (StreamSink s : sinks) s.broken();
    sinks.clear();
  }

  @Override
  public Subscription subscribe(long fromApplied, StreamSink sink) {
    synchronized (state) {
      long current = state.appliedCount();
      if (fromApplied >= 0 && fromApplied <= current && fromApplied >= current - recent.size()) {
        Iterator<byte[]> it = recent.iterator();
        for (long n = current - recent.size() + 1; it.hasNext(); n++) {
          byte[] e = it.next();
          if (n > fromApplied) sink.entry(e);
        }
      } else {
        sink.snapshot(wholeState());
      }
      sinks.add(sink);
    }
    return () -> sinks.remove(sink);
  }

  private byte[] wholeState() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      state.writeContentTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
