package io.consulate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code consulate leave}: the agent leaves the cluster gracefully and shuts down. */
@Command(name = "leave", description = "Gracefully leave the cluster and shut down.", mixinStandardHelpOptions = true)
public final class LeaveCommand extends HttpCommand implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    send("PUT", "/v1/agent/leave");
    System.out.println("Graceful leave complete");
    return 0;
  }
}
