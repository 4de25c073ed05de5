package io.consulate.chaos;

/**
 * An {@code X-Consul-Index} one client saw in one reply. Consul's index is per view (a key, a table), so
 * observations compare only within one client, node and request path.
 *
 * @param stale whether the read allowed a stale answer ({@code ?stale}), or had to be current ({@code ?consistent})
 */
record IndexRead(int process, String node, String path, boolean stale, long index, long invokeNanos,
    long completeNanos) {}
