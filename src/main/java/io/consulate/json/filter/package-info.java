/**
 * Consul's {@code ?filter=} expressions (HashiCorp go-bexpr v0.1.2, the version Consul 1.17 is built with), parsed
 * and evaluated against the JSON objects our endpoints return. The grammar, the order in which alternatives are
 * tried and so the syntax error messages follow bexpr's grammar.peg and its generated parser; the evaluation
 * follows bexpr's evaluate.go, with JSON types standing in for the Go types Consul filters.
 */
package io.consulate.json.filter;
