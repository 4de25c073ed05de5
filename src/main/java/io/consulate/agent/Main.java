package io.consulate.agent;

import io.consulate.cli.AclCommand;
import io.consulate.cli.CatalogCommand;
import io.consulate.cli.ClientPreflight;
import io.consulate.cli.TlsCommand;
import io.consulate.cli.EventCommand;
import io.consulate.cli.ExecCommand;
import io.consulate.cli.ForceLeaveCommand;
import io.consulate.cli.InfoCommand;
import io.consulate.cli.JoinCommand;
import io.consulate.cli.KeygenCommand;
import io.consulate.cli.KvCommand;
import io.consulate.cli.LeaveCommand;
import io.consulate.cli.LockCommand;
import io.consulate.cli.MaintCommand;
import io.consulate.cli.MembersCommand;
import io.consulate.cli.MonitorCommand;
import io.consulate.cli.ReloadCommand;
import io.consulate.cli.RttCommand;
import io.consulate.cli.ServicesCommand;
import io.consulate.cli.SnapshotCommand;
import io.consulate.cli.WatchCommand;
import io.consulate.template.TemplateCommand;
import java.io.IOException;
import java.io.InputStream;
import java.util.logging.LogManager;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code consulate}: the agent and the thin HTTP clients that talk to a running one. */
@Command(name = "consulate", mixinStandardHelpOptions = true, versionProvider = VersionCommand.class,
    description = "A Consul-compatible, DNS-first service registry.",
    subcommands = {AgentCommand.class, ReloadCommand.class, MembersCommand.class, CatalogCommand.class,
        KvCommand.class, LockCommand.class, WatchCommand.class, TemplateCommand.class, JoinCommand.class,
        LeaveCommand.class, SnapshotCommand.class, EventCommand.class, ValidateCommand.class, VersionCommand.class,
        InfoCommand.class, MaintCommand.class, ForceLeaveCommand.class, KeygenCommand.class, MonitorCommand.class,
        RttCommand.class, ExecCommand.class, TlsCommand.class, AclCommand.class})
public final class Main implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    configureLogging();
    int code = commandLine().execute(args);
    if (code != 0 || !AgentCommand.isRunning()) System.exit(code);
  }

  /**
   * The command line as {@code main} runs it (tests run commands through it too): every command, and Consul's exit
   * code 1 with one error line for a bad flag or a failure.
   */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    // "@file" is Consul's data-from-a-file argument (kv put, kv import, -filter), not picocli's argument file.
    cli.setExpandAtFiles(false);
    // HTTP commands build their client settings (the token file) first, as Consul's APIClient() does.
    cli.setExecutionStrategy(new ClientPreflight());
    // services reads service files with the agent's config loader, which package cli may not use.
    cli.addSubcommand(new ServicesCommand(ServiceFiles::read));
    UnsupportedFlags.addTo(cli.getSubcommands().get("agent").getCommandSpec());
    cli.setParameterExceptionHandler((e, args) -> {
      CommandLine cmd = e.getCommandLine();
      cmd.getErr().println(e.getMessage());
      cmd.usage(cmd.getErr());
      return 1;
    });
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("==> " + (e.getMessage() != null ? e.getMessage() : e.toString()));
      return 1;
    });
    return cli;
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
