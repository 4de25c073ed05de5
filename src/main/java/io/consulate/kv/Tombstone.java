package io.consulate.kv;

/**
 * What a deleted key leaves behind: the index of its deletion (so a prefix's blocking index never goes
 * backwards, Consul's graveyard rule) and the wall-clock time, after which the tombstone may be reaped.
 */
public record Tombstone(long index, long atMillis) {}
