package io.consulate.agent;

import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The flags of {@code consul agent -h} (Consul 1.17) that Consulate does not implement. They parse, so a Consul
 * command line is never met with "Unknown option", and the agent then refuses to start with one line naming the
 * flag, rather than ignoring it: an operator who asked for a feature must not get a silent agent without
 * it.
 */
final class UnsupportedFlags {
  /** Consul's boolean flags among them (no value, or {@code =true}/{@code =false}). */
  private static final Set<String> BOOLEAN = Set.of("disable-keyring-file", "auto-reload-config", "syslog",
      "non-voting-server", "read-replica");
  private static final List<String> WITH_VALUE = List.of("advertise-wan", "alt-domain", "allow-write-http-from",
      "check_output_max_size", "default-query-time", "grpc-port", "grpc-tls-port",
      "log-rotate-duration", "max-query-time", "primary-gateway", "raft-protocol", "retry-interval",
      "retry-interval-wan", "retry-max", "retry-max-wan", "segment", "serf-lan-allowed-cidrs",
      "serf-lan-bind", "serf-wan-allowed-cidrs", "serf-wan-bind", "ui-content-path");

  private UnsupportedFlags() {}

  /** Makes {@code agent} parse every one of them (hidden from its help). */
  static void addTo(CommandSpec agent) {
    for (String name : BOOLEAN) {
      agent.addOption(OptionSpec.builder("-" + name).arity("0..1").type(String.class).hidden(true).build());
    }
    for (String name : WITH_VALUE) {
      agent.addOption(OptionSpec.builder("-" + name).arity("1").type(String[].class).hidden(true).build());
    }
  }

  /** Refuses the first one given, by name. */
  static void refuse(ParseResult parsed) {
    for (OptionSpec o : parsed.matchedOptions()) {
      String name = o.longestName().substring(1);
      // A boolean turned off asks for nothing Consulate lacks.
      if (BOOLEAN.contains(name) && "false".equalsIgnoreCase(String.valueOf((Object) o.getValue()))) continue;
      if (BOOLEAN.contains(name) || WITH_VALUE.contains(name)) {
        throw new ConfigException("-" + name + " is not supported by Consulate; remove it to start the agent");
      }
    }
  }
}
