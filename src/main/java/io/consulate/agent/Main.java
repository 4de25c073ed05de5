package io.consulate.agent;

import io.consulate.cli.CatalogCommand;
import io.consulate.cli.EventCommand;
import io.consulate.cli.JoinCommand;
import io.consulate.cli.LeaveCommand;
import io.consulate.cli.KvCommand;
import io.consulate.cli.LockCommand;
import io.consulate.cli.MembersCommand;
import io.consulate.cli.ReloadCommand;
import io.consulate.cli.SnapshotCommand;
import io.consulate.cli.WatchCommand;
import io.consulate.template.TemplateCommand;
import java.io.IOException;
import java.io.InputStream;
import java.util.logging.LogManager;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code consulate}: the agent and the thin HTTP clients that talk to a running one. */
@Command(name = "consulate", mixinStandardHelpOptions = true, version = "Consulate " + Agent.VERSION,
    description = "A Consul-compatible, DNS-first service registry.",
    subcommands = {AgentCommand.class, ReloadCommand.class, MembersCommand.class, CatalogCommand.class,
        KvCommand.class, LockCommand.class, WatchCommand.class, TemplateCommand.class, JoinCommand.class,
        LeaveCommand.class, SnapshotCommand.class, EventCommand.class, ValidateCommand.class})
public final class Main implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    configureLogging();
    CommandLine cli = new CommandLine(new Main());
    UnsupportedFlags.addTo(cli.getSubcommands().get("agent").getCommandSpec());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("==> " + (e.getMessage() != null ? e.getMessage() : e.toString()));
      return 1;
    });
    int code = cli.execute(args);
    if (code != 0 || !AgentCommand.isRunning()) System.exit(code);
  }

  /** One-line log records unless the user supplied a logging config of their own. */
  private static void configureLogging() {
    if (System.getProperty("java.util.logging.config.file") != null) return;
    try (InputStream in = Main.class.getResourceAsStream("/logging.properties")) {
      if (in != null) LogManager.getLogManager().readConfiguration(in);
    } catch (IOException e) {
      System.err.println("==> cannot read the built-in logging configuration: " + e.getMessage());
    }
  }
}
