package io.consulate.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code consulate rtt}: Consul estimates round-trip times from the Vivaldi network coordinates its agents keep
 * through gossip ({@code /v1/coordinate/*}). Consulate agents keep no coordinates, so there is nothing honest to
 * print: the command says so in one line and exits 1, whatever its arguments.
 */
@Command(name = "rtt", description = "Estimates network round trip time between nodes (not supported).",
    mixinStandardHelpOptions = true)
public final class RttCommand implements Callable<Integer> {
  @Unmatched
  List<String> ignored = new ArrayList<>();

  @Override
  public Integer call() {
    return HttpCommand.fail("Error: rtt is not supported: Consulate agents keep no network coordinates"
        + " (there is no /v1/coordinate API)");
  }
}
