package io.consulate.agent;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code consulate validate}: reads config files and directories exactly as {@code consulate agent} would, without
 * starting anything, with {@code consul validate}'s output and exit codes. It lives in {@code agent}, beside the
 * loader it runs, because {@code cli} sits below {@code agent} and may not use it.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Validate config files/directories.",
        "Parses each file or directory just as \"consulate agent\" would and reports the first error, without starting"
            + " the agent. Returns 0 if the configuration is valid, or 1 if there are problems."})
final class ValidateCommand implements Callable<Integer> {
  @Option(names = "-config-format", paramLabel = "FORMAT",
      description = "Read every file as 'json' or 'hcl', whatever its extension.")
  String configFormat;

  @Option(names = "-quiet", description = "When given, a successful run will produce no output.")
  boolean quiet;

  @Parameters(paramLabel = "FILE_OR_DIRECTORY", arity = "0..*", description = "Config files or directories, in order.")
  List<Path> paths = new ArrayList<>();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (paths.isEmpty()) {
      err.println("Must specify at least one config file or directory");
      return 1;
    }
    AgentFlags flags = new AgentFlags();
    flags.configDirs.addAll(paths);
    flags.configFormat = configFormat;
    try {
      ConfigLoader.load(flags);
    } catch (ConfigException e) {
      err.println("Config validation failed: " + e.getMessage());
      return 1;
    }
    if (!quiet) spec.commandLine().getOut().println("Configuration is valid!");
    return 0;
  }
}
