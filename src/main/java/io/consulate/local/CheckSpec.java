package io.consulate.local;

import io.consulate.catalog.CheckDefinition;
import io.consulate.catalog.HealthStatus;

/**
 * A check as a user defines it (in a service definition, a config file or {@code /v1/agent/check/register}).
 * {@code id} and {@code name} may be empty until the owning service assigns Consul's defaults.
 */
public record CheckSpec(String id, String name, String notes, HealthStatus status, String serviceId,
    CheckDefinition definition) {

  /** Consul's defaults for a check embedded in a service: {@code service:<id>[:<n>]}, "Service 'x' check". */
  CheckSpec forService(String serviceId, String serviceName, int ordinal, int count) {
    String checkId = !id.isEmpty() ? id : "service:" + serviceId + (count > 1 ? ":" + ordinal : "");
    String checkName = !name.isEmpty() ? name : "Service '" + serviceName + "' check";
    return new CheckSpec(checkId, checkName, notes, status, serviceId, definition);
  }
}
