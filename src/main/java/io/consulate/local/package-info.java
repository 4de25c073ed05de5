/**
 * What this node owns: its own registrations (services and checks, from the API and from config files), their
 * definitions and persistence in the data dir, the checks that run for them, and anti-entropy, which keeps the
 * catalog in line with them.
 */
package io.consulate.local;
