package io.consulate.health;

import io.consulate.catalog.CheckDefinition;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** {@code consul.check.probe}: each probe run by check type and the status it found, with its duration. */
final class ProbeMetrics {
  private ProbeMetrics() {}

  /** {@code probes}, each probe it makes timed on {@code registry}. */
  static Function<CheckDefinition, Probe> timed(Function<CheckDefinition, Probe> probes, MeterRegistry registry) {
    return def -> {
      Probe probe = probes.apply(def);
      if (probe == null) return null;
      String type = def.type();
      return () -> {
        long start = System.nanoTime();
        return probe.run().onSuccess(result -> Timer.builder("consul.check.probe")
            .description("Check probes run by this agent, by type and the status found").tag("type", type)
            .tag("status", result.status().wire()).register(registry)
            .record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
      };
    };
  }
}
