package io.consulate.agent;

import io.consulate.local.DefinitionEncoder;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;

/**
 * The services that config files define, for {@code consulate services register|deregister}: the files are read
 * exactly as the agent reads them (JSON or HCL, {@code service} and {@code services}), in dev mode so that no data
 * dir is needed, as Consul's {@code ServicesFromFiles} does; each definition comes back as the body of
 * {@code PUT /v1/agent/service/register}.
 */
final class ServiceFiles {
  private ServiceFiles() {}

  static List<JsonObject> read(List<Path> files) {
    AgentFlags flags = new AgentFlags();
    flags.dev = true;
    flags.configDirs.addAll(files);
    return ConfigLoader.load(flags).services().stream().map(DefinitionEncoder::service).toList();
  }
}
