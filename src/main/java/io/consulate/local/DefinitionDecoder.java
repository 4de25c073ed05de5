package io.consulate.local;

import io.consulate.catalog.CheckDefinition;
import io.consulate.catalog.HealthStatus;
import io.consulate.catalog.Weights;
import io.consulate.json.Fields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads service and check definitions in Consul's format, from HTTP bodies (PascalCase) and config files
 * (snake_case) alike, and applies Consul's validation: a bad definition fails with a message naming the field.
 */
public final class DefinitionDecoder {
  private DefinitionDecoder() {}

  public static ServiceDefinition service(Fields f) {
    String name = f.string("", "Name");
    if (name.isBlank()) throw new InvalidDefinitionException("Missing service name");
    String id = f.string("", "ID");
    if (id.isEmpty()) id = name;
    int port = f.integer(0, "Port");
    if (port < 0 || port > 65535) throw new InvalidDefinitionException("Invalid service port " + port + ": must be between 0 and 65535");
    String address = f.string("", "Address");
    if (address.equals("0.0.0.0") || address.equals("::") || address.equals("[::]")) {
      throw new InvalidDefinitionException("Invalid service address");
    }
    Weights weights = weights(f.object("Weights"));
    List<CheckSpec> raw = new ArrayList<>();
    Fields single = f.object("Check");
    if (single != null && !isEmpty(single)) raw.add(check(single));
    for (Fields c : f.objects("Checks")) raw.add(check(c));
    List<CheckSpec> checks = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) checks.add(raw.get(i).forService(id, name, i + 1, raw.size()));
    return new ServiceDefinition(id, name, f.strings("Tags"), address, port, f.stringMap("Meta"), weights,
        f.bool(false, "EnableTagOverride"), checks);
  }

  public static CheckSpec check(Fields f) {
    CheckDefinition def = definition(f);
    String statusWord = f.string("", "Status");
    HealthStatus status;
    try {
      status = statusWord.isEmpty() ? HealthStatus.CRITICAL : HealthStatus.of(statusWord);
    } catch (IllegalArgumentException e) {
      throw new InvalidDefinitionException("Invalid check: Status for checks must 'passing', 'warning', 'critical'");
    }
    if (f.has("DockerContainerID")) {
      throw new InvalidDefinitionException("Invalid check: Docker checks are not supported: no Docker engine is available to this agent");
    }
    if (def.type().isEmpty()) {
      throw new InvalidDefinitionException("Invalid check: one of Args, HTTP, TCP, UDP, GRPC, TTL, AliasNode or AliasService is required");
    }
    boolean periodic = !def.http().isEmpty() || !def.tcp().isEmpty() || !def.udp().isEmpty() || !def.grpc().isEmpty()
        || !def.args().isEmpty();
    if (periodic && def.interval().isEmpty()) {
      throw new InvalidDefinitionException("Invalid check: Interval must be > 0 for " + def.type() + " checks");
    }
    String id = f.string("", "ID", "CheckID");
    String name = f.string("", "Name");
    return new CheckSpec(id, name, f.string("", "Notes"), status, f.string("", "ServiceID"), def);
  }

  /**
   * The check's target and schedule fields ({@code HTTP}, {@code TCP}, {@code Interval}, ...) as given, without
   * requiring a kind: a registration checks that, while a catalog write stores whatever it is sent.
   */
  public static CheckDefinition definition(Fields f) {
    Map<String, List<String>> header = new LinkedHashMap<>();
    Fields h = f.object("Header");
    if (h != null) for (String key : h.json().fieldNames()) header.put(key, h.strings(key));
    try {
      return new CheckDefinition(f.string("", "HTTP"), f.string("", "Method"), header,
          f.string("", "Body"), f.bool(false, "TLSSkipVerify"), f.string("", "TCP"), f.string("", "UDP"),
          f.string("", "GRPC"), f.bool(false, "GRPCUseTLS"), f.strings("Args", "ScriptArgs"), f.duration("", "TTL"),
          f.string("", "AliasNode"), f.string("", "AliasService"), f.duration("", "Interval"),
          f.duration("", "Timeout"), f.duration("", "DeregisterCriticalServiceAfter"),
          f.integer(0, "SuccessBeforePassing"), f.integer(0, "FailuresBeforeWarning"), f.integer(0, "FailuresBeforeCritical"));
    } catch (IllegalArgumentException e) {
      throw new InvalidDefinitionException("Invalid check: " + e.getMessage());
    }
  }

  private static Weights weights(Fields w) {
    if (w == null) return Weights.DEFAULT;
    try {
      return new Weights(w.integer(1, "Passing"), w.integer(1, "Warning"));
    } catch (IllegalArgumentException e) {
      throw new InvalidDefinitionException("Invalid Weights: " + e.getMessage());
    }
  }

  private static boolean isEmpty(Fields f) {
    return f.json().isEmpty();
  }
}
