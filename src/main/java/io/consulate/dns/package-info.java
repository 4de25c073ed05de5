/**
 * Consul's DNS interface: UDP and TCP servers that parse a question into a {@link io.consulate.dns.DnsQuery},
 * answer it as a pure function of the catalog snapshot, size the reply like Consul, and forward names outside
 * the domain to the configured recursors.
 */
package io.consulate.dns;
