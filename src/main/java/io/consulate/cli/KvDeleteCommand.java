package io.consulate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code consulate kv delete [-recurse] KEY_OR_PREFIX}. */
@Command(name = "delete", description = "Removes data from the KV store.", mixinStandardHelpOptions = true)
final class KvDeleteCommand extends HttpCommand implements Callable<Integer> {
  @Parameters(index = "0", defaultValue = "", paramLabel = "KEY_OR_PREFIX")
  String key;
  @Option(names = "-recurse", description = "Delete every key under the prefix.")
  boolean recurse;

  @Override
  public Integer call() throws Exception {
    send("DELETE", KvCommand.path(key) + (recurse ? "?recurse" : ""));
    System.out.println(recurse ? "Success! Deleted keys with prefix: " + key : "Success! Deleted key: " + key);
    return 0;
  }
}
