package io.consulate.cluster;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.CompletableFuture;

/**
 * Whether a peer's port still accepts connections, asked without blocking a thread: a process that died leaves
 * its port closed, and the kernel refuses at once, long before the group's failure detection agrees it is gone.
 */
final class ConnectProbe {
  private ConnectProbe() {}

  /** How long a connect may take before the probe gives up (a host that drops packets says nothing). */
  private static final long TIMEOUT_MILLIS = 1_000;

  /**
   * Completes true when {@code host:port} refuses the connection; false when it accepts, or cannot tell within
   * {@link #TIMEOUT_MILLIS}.
   */
  static CompletableFuture<Boolean> refused(String host, int port) {
    CompletableFuture<Boolean> result = new CompletableFuture<>();
    AsynchronousSocketChannel channel;
    try {
      channel = AsynchronousSocketChannel.open();
    } catch (IOException e) {
      result.complete(false);
      return result;
    }
    channel.connect(new InetSocketAddress(host, port), null, new CompletionHandler<Void, Void>() {
      @Override
      public void completed(Void v, Void a) {
        close();
        result.complete(false);
      }

      @Override
      public void failed(Throwable e, Void a) {
        close();
        // Only a refusal says the process is gone; a timeout (ETIMEDOUT is a ConnectException too) says nothing.
        result.complete(e instanceof ConnectException && String.valueOf(e.getMessage()).contains("refused"));
      }

      void close() {
        try {
          channel.close();
        } catch (IOException ignored) {
          // a probe socket: nothing to flush
        }
      }
    });
    CompletableFuture.runAsync(() -> {
      if (result.complete(false)) closeQuietly(channel);
    }, CompletableFuture.delayedExecutor(TIMEOUT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS));
    return result;
  }

  private static void closeQuietly(AsynchronousSocketChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // a probe socket: nothing to flush
    }
  }
}
