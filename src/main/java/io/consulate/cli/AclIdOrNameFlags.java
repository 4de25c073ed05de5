package io.consulate.cli;

import picocli.CommandLine.Option;

/** {@code -id} (a full ID or a unique prefix) or {@code -name}: the policy or role a read or delete acts on. */
final class AclIdOrNameFlags {
  @Option(names = "-id", description = "The ID. It may be specified as a unique ID prefix but will error if the prefix "
      + "matches multiple IDs") String id = "";
  @Option(names = "-name", description = "The name.") String name = "";

  /** Consul's complaint when neither is given, or null. */
  String missing() {
    return id.isEmpty() && name.isEmpty() ? "Must specify either the -id or -name parameters" : null;
  }
}
