package io.consulate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code consulate reload}: asks the agent to re-read its config files. */
@Command(name = "reload", description = "Reload a running agent's configuration.", mixinStandardHelpOptions = true)
public final class ReloadCommand extends HttpCommand implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    send("PUT", "/v1/agent/reload");
    System.out.println("Configuration reload triggered");
    return 0;
  }
}
