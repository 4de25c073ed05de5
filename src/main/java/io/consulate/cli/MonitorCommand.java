package io.consulate.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code consulate monitor}: as {@code consul monitor}, prints the agent's log lines as they are written
 * ({@code GET /v1/agent/monitor}), at {@code -log-level} (which may be finer than the agent's own) and as JSON with
 * {@code -log-json}, until interrupted; if the agent ends the stream, says so and exits 1.
 */
@Command(name = "monitor", description = "Stream logs from a Consul agent.", mixinStandardHelpOptions = true)
public final class MonitorCommand extends HttpCommand implements Callable<Integer> {
  @Option(names = "-log-level", defaultValue = "INFO", description = "Log level of the agent (default INFO).")
  String logLevel;
  @Option(names = "-log-json", description = "Output logs in JSON format.")
  boolean logJson;

  @Override
  public Integer call() throws Exception {
    HttpResponse<InputStream> res;
    try {
      res = stream("/v1/agent/monitor?loglevel=" + encode(logLevel) + (logJson ? "&logjson" : ""));
    } catch (IOException e) {
      return fail("Error starting monitor: " + e.getMessage());
    }
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
      if (res.statusCode() / 100 != 2) {
        return fail("Error starting monitor: Unexpected response code: " + res.statusCode() + " ("
            + String.join("\n", lines.lines().toList()).trim() + ")");
      }
      for (String line = lines.readLine(); line != null; line = lines.readLine()) System.out.println(line);
    } catch (IOException e) {
      // The connection broke: the same as the agent ending the stream.
    }
    System.out.println();
    System.out.println("Remote side ended the monitor! This usually means that the\n"
        + "remote side has exited or crashed.");
    return 1;
  }
}
