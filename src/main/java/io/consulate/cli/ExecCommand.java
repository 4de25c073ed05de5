package io.consulate.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code consulate exec}: Consul's remote execution writes a job under {@code _rexec/} in the KV store and fires a
 * {@code _rexec} event that each agent acts on, running the command and writing its output back. Consulate agents
 * do not run such jobs (Consul's own default is {@code disable_remote_exec = true}), so instead of waiting for
 * answers that never come the command says so in one line and exits 1, whatever its arguments.
 */
@Command(name = "exec", description = "Executes a command on Consul nodes (not supported).",
    mixinStandardHelpOptions = true)
public final class ExecCommand implements Callable<Integer> {
  @Unmatched
  List<String> ignored = new ArrayList<>();

  @Override
  public Integer call() {
    return HttpCommand.fail("Error: exec is not supported: Consulate agents do not run remote execution (_rexec) jobs");
  }
}
