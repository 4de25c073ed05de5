package io.consulate.store;

/** What a write answered, and the index its effects are visible at (unchanged if it was a no-op). */
public record Applied<R>(R value, long index) {}
