/** The client commands ({@code members}, {@code join}, {@code kv}, {@code catalog}, {@code watch}, ...): each talks to an agent over its HTTP API only. */
package io.consulate.cli;
