package io.consulate.cli;

import java.io.IOException;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs the chosen command as picocli's {@code RunLast} does, but first builds an HTTP command's client settings, as
 * Consul's {@code APIClient()} does before any request: a token file that cannot be read is
 * {@code Error connecting to Consul agent: Error loading token file: ...} and exit code 1.
 */
public final class ClientPreflight implements CommandLine.IExecutionStrategy {
  @Override
  public int execute(CommandLine.ParseResult parsed) {
    Integer help = CommandLine.executeHelpRequest(parsed);
    if (help != null) return help;
    List<CommandLine> chosen = parsed.asCommandLineList();
    if (chosen.get(chosen.size() - 1).getCommand() instanceof HttpCommand command) {
      try {
        command.token();
      } catch (IOException e) {
        return HttpCommand.fail("Error connecting to Consul agent: " + e.getMessage());
      }
    }
    return new CommandLine.RunLast().execute(parsed);
  }
}
