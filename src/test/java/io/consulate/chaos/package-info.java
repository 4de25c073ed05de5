/**
 * A Jepsen-style chaos tool: clients record a history over the public HTTP API of a 3-server cluster while a
 * nemesis kills and partitions servers, then checkers prove linearizable CAS, exclusive locks, durable
 * registrations and a monotonic index (run with scripts/chaos/run.sh).
 */
package io.consulate.chaos;
