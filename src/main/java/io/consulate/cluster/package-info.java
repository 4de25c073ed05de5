/**
 * Where the catalog lives: the Infinispan cache that the cluster replicates, the index counter that stamps
 * every write, and the listener that turns cache changes into published immutable snapshots.
 */
package io.consulate.cluster;
