package io.consulate.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code consulate join ADDR...}: asks the local agent to join the cluster of each address. */
@Command(name = "join", description = "Tell the agent to join a cluster.", mixinStandardHelpOptions = true)
public final class JoinCommand extends HttpCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "ADDR", description = "A member's cluster address, host or host:port.")
  List<String> addresses;

  @Option(names = "-wan", description = "Join the WAN pool of servers of other datacenters (the agent must be a server).")
  boolean wan;

  @Override
  public Integer call() throws Exception {
    for (String a : addresses) {
      send("PUT", "/v1/agent/join/" + URLEncoder.encode(a, StandardCharsets.UTF_8) + (wan ? "?wan=1" : ""));
    }
    System.out.println("Successfully joined cluster by contacting " + addresses.size() + " nodes.");
    return 0;
  }
}
