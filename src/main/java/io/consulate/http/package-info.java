/**
 * Consul's HTTP API: one route table, one handler class per API area, Consul's JSON shapes and
 * plain-text errors, and blocking queries served from published snapshots.
 */
package io.consulate.http;
