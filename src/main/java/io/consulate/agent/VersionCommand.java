package io.consulate.agent;

import io.consulate.cluster.ProtocolGate;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code consulate version} (and {@code --version}): Consul's version text, told honestly: this build's own
 * version and build date, from the packaged jar's manifest (a run from compiled classes has neither), the Consul
 * version whose API it answers as ({@link Agent#VERSION}), and the protocol range ({@link ProtocolGate}). It lives in
 * {@code agent}, beside that constant, because {@code cli} sits below {@code agent} and may not use it.
 */
@Command(name = "version", description = "Output Consulate version information.", mixinStandardHelpOptions = true)
final class VersionCommand implements Callable<Integer>, CommandLine.IVersionProvider {
  @Option(names = "-format", defaultValue = "pretty", paramLabel = "FORMAT",
      description = "Output format {pretty|json}.")
  String format;

  @Override
  public Integer call() {
    Build build = Build.read();
    switch (format) {
      case "pretty" -> {
        for (String line : lines(build)) System.out.println(line);
        return 0;
      }
      case "json" -> {
        JsonObject rpc = new JsonObject().put("Default", ProtocolGate.MAX).put("Min", ProtocolGate.MIN)
            .put("Max", ProtocolGate.MAX);
        System.out.println(new JsonObject().put("Version", Agent.VERSION).put("Revision", "").put("Prerelease", "")
            .put("BuildDate", build.date()).put("RPC", rpc).put("Consulate", build.version()).encodePrettily());
        return 0;
      }
      default -> {
        System.err.println("Unknown format: " + format);
        return 1;
      }
    }
  }

  @Override
  public String[] getVersion() {
    return lines(Build.read()).toArray(String[]::new);
  }

  private static List<String> lines(Build build) {
    List<String> out = new ArrayList<>();
    out.add("Consulate " + (build.version() != null ? "v" + build.version() : "(unpackaged build)") + " (Consul "
        + Agent.VERSION + " API)");
    if (build.date() != null) out.add("Build Date " + build.date());
    // The default -protocol is the newest this build speaks, so Consul's "(agent will automatically use protocol
    // >N ...)" supplement, printed only when the default is below the maximum, never applies.
    out.add("Protocol " + ProtocolGate.MAX + " spoken by default, understands " + ProtocolGate.MIN + " to "
        + ProtocolGate.MAX);
    return out;
  }

  /** What the packaged jar's manifest says of this build; both null when running from compiled classes. */
  private record Build(String version, String date) {
    static Build read() {
      try {
        Path code = Path.of(VersionCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!Files.isRegularFile(code)) return new Build(null, null);
        try (JarFile jar = new JarFile(code.toFile())) {
          Attributes main = jar.getManifest() == null ? new Attributes() : jar.getManifest().getMainAttributes();
          return new Build(main.getValue("Implementation-Version"), main.getValue("Build-Date"));
        }
      } catch (IOException | URISyntaxException | SecurityException e) {
        return new Build(null, null);
      }
    }
  }
}
