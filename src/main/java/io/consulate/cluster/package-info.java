/**
 * Where the catalog lives: the Infinispan caches (local for a lone agent, replicated over JGroups for a
 * cluster), the index counter that stamps every write, the listener that turns cache changes into published
 * immutable snapshots, and cluster membership: the view, the leader, and {@code serfHealth} of failed members.
 */
package io.consulate.cluster;
