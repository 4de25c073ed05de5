package io.consulate.cli;

import picocli.CommandLine.Option;

/** {@code -accessor-id} (older {@code -id}): the token a token command acts on, a full Accessor ID or a unique prefix. */
final class AclAccessorIdFlag {
  @Option(names = {"-accessor-id", "-id"}, paramLabel = "ID", description = "The Accessor ID of the token. It may be "
      + "specified as a unique ID prefix but will error if the prefix matches multiple token Accessor IDs (-id is "
      + "deprecated)")
  String value = "";
}
