/**
 * The agent process: command line, configuration (defaults &lt; files &lt; flags), the role (server or
 * client), startup order, reload, signals and shutdown. It wires the packages below it and holds no logic of
 * theirs.
 */
package io.consulate.agent;
