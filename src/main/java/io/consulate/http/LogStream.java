package io.consulate.http;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.ErrorManager;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * The agent's log as {@code GET /v1/agent/monitor} streams it: a java.util.logging handler, installed on the root
 * logger by the agent, that hands each record to every open monitor, formatted as that monitor asked (text or JSON)
 * and at its level. Each monitor is a bounded queue, so the logger never waits for a client: a slow one loses lines
 * and is told how many, as Consul's monitor does.
 */
public final class LogStream extends Handler {
  static final int BUFFERED_LINES = 512;
  private final Formatter text;
  private final Formatter json;
  private final Consumer<Level> verbosity;
  private final Set<Reader> readers = ConcurrentHashMap.newKeySet();

  /**
   * {@code verbosity} is told the finest level an open monitor wants (null once none is open), so the loggers can
   * make records finer than the agent's own level while someone watches.
   */
  public LogStream(Formatter text, Formatter json, Consumer<Level> verbosity) {
    this.text = text;
    this.json = json;
    this.verbosity = verbosity;
    setLevel(Level.ALL);
  }

  @Override
  public void publish(LogRecord record) {
    for (Reader r : readers) r.offer(record);
  }

  @Override
  public void flush() {
  }

  @Override
  public void close() {
    readers.clear();
  }

  synchronized Reader open(Level level, boolean asJson) {
    Reader r = new Reader(level, asJson ? json : text);
    readers.add(r);
    tellVerbosity();
    return r;
  }

  private synchronized void closed(Reader r) {
    readers.remove(r);
    tellVerbosity();
  }

  private void tellVerbosity() {
    Level finest = null;
    for (Reader r : readers) if (finest == null || r.level.intValue() < finest.intValue()) finest = r.level;
    verbosity.accept(finest);
  }

  /** One monitor's lines, waiting to be written to its client. */
  final class Reader implements AutoCloseable {
    private final Level level;
    private final Formatter format;
    private final ArrayBlockingQueue<String> lines = new ArrayBlockingQueue<>(BUFFERED_LINES);
    private final AtomicLong dropped = new AtomicLong();

    private Reader(Level level, Formatter format) {
      this.level = level;
      this.format = format;
    }

    /** On the logging thread: never blocks; a full queue drops the line and counts it. */
    private void offer(LogRecord record) {
      if (record.getLevel().intValue() < level.intValue()) return;
      String line;
      try {
        line = format.format(record);
      } catch (RuntimeException e) {
        reportError(null, e, ErrorManager.FORMAT_FAILURE);
        return;
      }
      if (!lines.offer(line)) dropped.incrementAndGet();
    }

    /** The lines waiting, then Consul's notice of how many were dropped since the last drain. */
    String drain() {
      StringBuilder out = new StringBuilder();
      for (String line = lines.poll(); line != null; line = lines.poll()) out.append(line);
      long lost = dropped.getAndSet(0);
      if (lost > 0) out.append("Monitor dropped ").append(lost).append(" logs during monitor request\n");
      return out.toString();
    }

    @Override
    public void close() {
      closed(this);
    }
  }
}
