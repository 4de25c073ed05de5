package io.consulate.cli;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code consulate services register|deregister}: Consul's commands for services of the local agent. Service
 * files are read by the agent's config loader, which this package sits above and may not use; {@code Main}
 * hands it in as {@link DefinitionFiles}.
 */
@Command(name = "services", description = "Interact with services.", mixinStandardHelpOptions = true,
    subcommands = {ServicesRegisterCommand.class, ServicesDeregisterCommand.class})
public final class ServicesCommand implements Runnable {
  /** The {@code service}/{@code services} definitions of config files (JSON or HCL), as registration bodies. */
  @FunctionalInterface
  public interface DefinitionFiles {
    List<JsonObject> read(List<Path> files) throws Exception;
  }

  final DefinitionFiles files;

  public ServicesCommand(DefinitionFiles files) {
    this.files = files;
  }

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }
}
