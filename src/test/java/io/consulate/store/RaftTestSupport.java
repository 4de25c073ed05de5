package io.consulate.store;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** For tests that run Raft servers over real loopback TCP: free ports, and waiting for a view or an election. */
public final class RaftTestSupport {
  private RaftTestSupport() {}

  /** JGroups refuses bind port 0 in TCPPING's host list, so ask the kernel for a free port and hand it over. */
  public static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Polls what a test cannot subscribe to from outside (a view change, an election), for at most 20 s. */
  public static void awaitTrue(Callable<Boolean> condition) throws Exception {
    awaitTrue(condition, 20);
  }

  public static void awaitTrue(Callable<Boolean> condition, int seconds) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.call()) {
      if (System.nanoTime() > end) throw new AssertionError("condition not met within " + seconds + " s");
      Thread.sleep(50);
    }
  }
}
