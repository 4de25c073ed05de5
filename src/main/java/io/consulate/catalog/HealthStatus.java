package io.consulate.catalog;

import java.util.Locale;

/** Consul's check states, ordered from best to worst so the worst of several can be taken with {@code max}. */
public enum HealthStatus {
  PASSING, WARNING, CRITICAL;

  /** The lower-case word Consul uses on the wire. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses Consul's word; unknown values are a caller error, never silently mapped. */
  public static HealthStatus of(String word) {
    if (word != null) {
      switch (word.toLowerCase(Locale.ROOT)) {
        case "passing": return PASSING;
        case "warning": return WARNING;
        case "critical": return CRITICAL;
        default: break;
      }
    }
    throw new IllegalArgumentException("invalid check status \"" + word + "\": must be passing, warning or critical");
  }

  public HealthStatus worse(HealthStatus other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
