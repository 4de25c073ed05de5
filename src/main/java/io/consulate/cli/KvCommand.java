package io.consulate.cli;

import picocli.CommandLine.Command;

/** {@code consulate kv get|put|delete|export|import}: Consul's KV commands, same arguments and messages. */
@Command(name = "kv", description = "Interact with the key-value store.", mixinStandardHelpOptions = true,
    subcommands = {KvGetCommand.class, KvPutCommand.class, KvDeleteCommand.class, KvExportCommand.class,
        KvImportCommand.class})
public final class KvCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** The key as a URL path under /v1/kv/, each segment percent-encoded. */
  static String path(String key) {
    StringBuilder out = new StringBuilder("/v1/kv/");
    String[] parts = key.split("/", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) out.append('/');
      out.append(HttpCommand.encode(parts[i]));
    }
    return out.toString();
  }

  /** Consul's nicety: keys cannot start with "/", so a leading one the user typed is dropped. */
  static String key(String typed) {
    return typed.startsWith("/") ? typed.substring(1) : typed;
  }
}
