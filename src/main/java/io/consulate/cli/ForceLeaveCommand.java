package io.consulate.cli;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code consulate force-leave NODE}: as {@code consul force-leave}, marks a member left (quietly, exit 0), so the
 * leader removes its node from the catalog at once. {@code -prune} is sent as {@code ?prune}; the agent refuses it,
 * as it keeps the records of left members, and that refusal is this command's error.
 */
@Command(name = "force-leave", description = "Forces a member of the cluster to enter the \"left\" state.",
    mixinStandardHelpOptions = true)
public final class ForceLeaveCommand extends HttpCommand implements Callable<Integer> {
  @Option(names = "-prune", description = "Remove the agent completely from the list of members.")
  boolean prune;
  @Parameters(arity = "0..*", paramLabel = "NODE")
  List<String> nodes = List.of();

  @Override
  public Integer call() throws Exception {
    if (nodes.size() != 1) return fail("A single node name must be specified to force leave.");
    try {
      send("PUT", "/v1/agent/force-leave/" + encode(nodes.get(0)) + (prune ? "?prune=1" : ""));
    } catch (IOException e) {
      return fail("Error force leaving: " + e.getMessage());
    }
    return 0;
  }
}
