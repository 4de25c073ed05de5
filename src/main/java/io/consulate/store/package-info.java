/**
 * The one write pipeline: commands, their replicated form, the state every server derives from the Raft log,
 * and the snapshots published from it to DNS, HTTP and blocking queries; the index.
 */
package io.consulate.store;
