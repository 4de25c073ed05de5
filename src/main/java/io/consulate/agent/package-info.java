/**
 * The agent process: command line, configuration (defaults &lt; files &lt; flags), the agent's own
 * registrations and their persistence, startup order, reload and shutdown.
 */
package io.consulate.agent;
