package io.consulate.store;

/**
 * What a write answered, the index its effects are visible at (unchanged if it was a no-op), and its place
 * in the log as a count of applied entries (what read-your-writes waits for, no-ops included).
 */
public record Applied<R>(R value, long index, long applied) {}
