/**
 * The service catalog in plain Java: nodes, service instances, health checks, the immutable snapshot every
 * reader sees, and the write rules (validation, index stamping) that turn a command into a change set.
 */
package io.consulate.catalog;
