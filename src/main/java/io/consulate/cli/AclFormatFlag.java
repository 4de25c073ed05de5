package io.consulate.cli;

import picocli.CommandLine.Option;

/** {@code -format}: pretty (the default) or json, as every Consul acl command that prints an object accepts it. */
final class AclFormatFlag {
  @Option(names = "-format", paramLabel = "FORMAT", defaultValue = "pretty", description = "Output format {pretty|json}")
  String format;

  /** The format, or a failure "Unknown format: X" before anything is sent. */
  String get() throws AclHttpCommand.Failure {
    if (!format.equals("pretty") && !format.equals("json")) throw new AclHttpCommand.Failure("Unknown format: " + format);
    return format;
  }
}
