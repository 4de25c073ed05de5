/**
 * Consul's KV store and sessions in plain Java: entries, locks, sessions and their invalidation rules, the
 * immutable {@link io.consulate.kv.KvState} readers use, and the store that writes them through Infinispan.
 */
package io.consulate.kv;
