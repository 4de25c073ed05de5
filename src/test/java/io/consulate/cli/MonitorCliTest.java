package io.consulate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.agent.Agent;
import io.consulate.agent.TestAgent;
import io.consulate.http.ApiClient;
import org.junit.jupiter.api.Test;

/** monitor streams the agent's log lines as they are written, in text or JSON, until the agent goes away. */
class MonitorCliTest {
  @Test
  void streamsLogLinesUntilTheAgentStops() throws Exception {
    Agent agent = TestAgent.startDev();
    String addr = "127.0.0.1:" + agent.httpPort();
    Cli.Running text;
    Cli.Running json;
    try (ApiClient api = new ApiClient(agent.httpPort())) {
      text = Cli.start(null, "monitor", "-http-addr", addr);
      json = Cli.start(null, "monitor", "-http-addr", addr, "-log-json", "-log-level", "debug");
      // Both print into the capture of the one started last (System.out is one per process): the text line and the
      // JSON line both land in json's. A reload logs at INFO; reload until both monitors, attached
      // asynchronously, have shown one.
      TestAgent.awaitTrue(() -> {
        api.put("/v1/agent/reload", "");
        String out = json.out();
        return out.contains("] io.consulate.agent.Agent: configuration reloaded")
            && out.contains("\"@message\":\"configuration reloaded");
      });
      assertEquals(400, api.get("/v1/agent/monitor?loglevel=chatty").statusCode());
      assertEquals("Unknown log level: chatty", api.get("/v1/agent/monitor?loglevel=chatty").bodyAsString());
    } finally {
      TestAgent.stop(agent);
    }
    Cli.Result jsonEnd = json.await();
    Cli.Result textEnd = text.await();
    assertEquals(1, jsonEnd.code(), "the agent ended the stream");
    assertEquals(1, textEnd.code());
    assertTrue(jsonEnd.out().endsWith("\nRemote side ended the monitor! This usually means that the\n"
        + "remote side has exited or crashed.\n"), jsonEnd.out());
  }
}
