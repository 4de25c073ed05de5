/**
 * Health checks run by the agent that owns them (HTTP, TCP, UDP, TTL, script, gRPC, alias): probes, Consul's
 * success/failure thresholds, scheduling on injected timers, and the writer that reports status changes to
 * the catalog without write storms.
 */
package io.consulate.health;
