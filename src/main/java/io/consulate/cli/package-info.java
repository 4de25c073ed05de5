/**
 * Consul's client commands ({@code members}, {@code kv}, {@code catalog}, {@code services}, {@code acl}, {@code lock},
 * {@code monitor}, ...): those that need an agent reach it over its HTTP API only.
 */
package io.consulate.cli;
