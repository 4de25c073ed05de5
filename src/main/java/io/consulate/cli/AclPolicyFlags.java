package io.consulate.cli;

import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The fields {@code acl policy create} and {@code update} set: description, datacenters and rules. */
final class AclPolicyFlags {
  @Option(names = "-description", description = "A description of the policy") String description = "";
  @Option(names = "-valid-datacenter", description = "Datacenter that the policy should be valid within. This flag may "
      + "be specified multiple times") List<String> datacenters = new ArrayList<>();
  @Option(names = "-rules", description = "The policy rules. May be prefixed with '@' to indicate that the value is a "
      + "file path to load the rules from. '-' may also be given to indicate that the rules are available on stdin")
  String rules = "";

  JsonArray datacenters() {
    return new JsonArray(new ArrayList<>(datacenters));
  }

  /** The {@code -rules} value read as Consul's {@code LoadDataSource} reads it. */
  String rules() throws AclHttpCommand.Failure {
    try {
      return DataSource.read(rules);
    } catch (IOException e) {
      throw new AclHttpCommand.Failure("Error loading rules: " + e.getMessage());
    }
  }
}
