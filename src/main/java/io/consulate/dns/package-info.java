/**
 * Consul's DNS interface: UDP and TCP servers that parse a question into a {@link io.consulate.dns.DnsQuery},
 * answer it as a pure function of the catalog snapshot, size the reply like Consul, and forward names outside
 * the domain to the configured recursors. Replies to plain questions are kept encoded per snapshot
 * ({@link io.consulate.dns.AnswerCache}) and written without dnsjava, shuffled per response.
 */
package io.consulate.dns;
