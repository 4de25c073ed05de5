/**
 * Consul's KV store and sessions in plain Java: entries, locks, sessions and their invalidation rules, txn, and
 * the immutable {@link io.consulate.kv.KvState} readers use; the store package applies them in log order.
 */
package io.consulate.kv;
