package io.consulate.local;

import java.util.List;

/**
 * Consul's guard on script checks: they run arbitrary commands, so they are refused unless
 * {@code enable_script_checks} (any source) or {@code enable_local_script_checks} (config files only) is set.
 */
public record ScriptPolicy(boolean enableScriptChecks, boolean enableLocalScriptChecks) {
  void require(List<CheckSpec> checks, LocalAgent.Source source) {
    boolean allowed = enableScriptChecks || (source == LocalAgent.Source.CONFIG && enableLocalScriptChecks);
    if (allowed) return;
    for (CheckSpec c : checks) {
      if (!c.definition().args().isEmpty()) {
        throw new InvalidDefinitionException("Scripts are disabled on this agent; to enable, configure "
            + "'enable_script_checks' or 'enable_local_script_checks' to true");
      }
    }
  }
}
