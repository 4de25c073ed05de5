package io.consulate.catalog;

/** DNS SRV weights of an instance, by its aggregated health (Consul's {@code Weights}). */
public record Weights(int passing, int warning) {
  public static final Weights DEFAULT = new Weights(1, 1);

  public Weights {
    if (passing < 1) throw new IllegalArgumentException("Passing must be greater than 0");
    if (warning < 0) throw new IllegalArgumentException("Warning must be greater or equal than 0");
  }
}
