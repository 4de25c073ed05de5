package io.consulate.chaos;

import java.util.List;

/**
 * One fault the nemesis injected, for the report and for the index checker (a killed node restarts with only what
 * it persisted).
 *
 * @param name e.g. kill-leader, isolate-leader
 * @param nodes the nodes it targeted: the killed node, or the side cut off from the rest
 * @param killed whether the targeted nodes were killed (kill -9) rather than cut off
 * @param startNanos when it took effect (processes gone, rules in place), nanoseconds since the history began
 */
record Fault(String name, List<String> nodes, boolean killed, long startNanos) {}
