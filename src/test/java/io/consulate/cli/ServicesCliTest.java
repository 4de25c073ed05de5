package io.consulate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** services register and deregister, from flags and from JSON and HCL service files. */
class ServicesCliTest {
  private static CliAgent dev;

  @BeforeAll
  static void start() throws Exception {
    dev = CliAgent.start();
  }

  @AfterAll
  static void stop() throws Exception {
    dev.close();
  }

  @Test
  void registerFromFlagsThenDeregisterById() throws Exception {
    assertEquals(new Cli.Result(0, "Registered service: web\n", ""), Cli.run("services", "register", "-http-addr", dev.addr,
        "-name", "web", "-id", "web1", "-address", "10.0.0.1", "-port", "80", "-tag", "a", "-tag", "b",
        "-meta", "env=prod"));
    JsonObject web = dev.api.get("/v1/agent/service/web1").bodyAsJsonObject();
    assertEquals("web", web.getString("Service"));
    assertEquals("10.0.0.1", web.getString("Address"));
    assertEquals(80, web.getInteger("Port"));
    assertEquals(new JsonArray().add("a").add("b"), web.getJsonArray("Tags"));
    assertEquals(new JsonObject().put("env", "prod"), web.getJsonObject("Meta"));
    assertEquals(new Cli.Result(0, "Deregistered service: web1\n", ""),
        Cli.run("services", "deregister", "-http-addr", dev.addr, "-id", "web1"));
    assertEquals(404, dev.api.get("/v1/agent/service/web1").statusCode());
  }

  @Test
  void registerAndDeregisterFromFiles(@TempDir Path dir) throws Exception {
    Path json = Files.writeString(dir.resolve("api.json"),
        "{\"service\": {\"name\": \"api\", \"port\": 8080, \"tags\": [\"x\"], \"check\": {\"ttl\": \"30s\"}}}");
    Path hcl = Files.writeString(dir.resolve("more.hcl"),
        "services {\n  name = \"db\"\n  port = 5432\n}\nservices {\n  name = \"cache\"\n}\n");
    assertEquals(new Cli.Result(0, "Registered service: api\nRegistered service: db\nRegistered service: cache\n", ""),
        Cli.run("services", "register", "-http-addr", dev.addr, "-tag", "y", "-address", "10.0.0.9", json.toString(),
            hcl.toString()));
    JsonObject api1 = dev.api.get("/v1/agent/service/api").bodyAsJsonObject();
    assertEquals(new JsonArray().add("x").add("y"), api1.getJsonArray("Tags"), "flags add to a file's tags");
    assertEquals("10.0.0.9", api1.getString("Address"), "and fill in what it leaves out");
    assertEquals(8080, api1.getInteger("Port"));
    assertTrue(dev.api.get("/v1/agent/checks").bodyAsJsonObject().containsKey("service:api"), "with the file's check");
    assertEquals(5432, dev.api.get("/v1/agent/service/db").bodyAsJsonObject().getInteger("Port"));

    assertEquals(new Cli.Result(0, "Deregistered service: db\nDeregistered service: cache\n", ""),
        Cli.run("services", "deregister", "-http-addr", dev.addr, hcl.toString()));
    assertEquals(404, dev.api.get("/v1/agent/service/cache").statusCode());
    assertEquals(0, Cli.run("services", "deregister", "-http-addr", dev.addr, json.toString()).code());
  }

  @Test
  void refusesWhatConsulRefuses(@TempDir Path dir) throws Exception {
    assertEquals(new Cli.Result(1, "", "Service registration requires at least one argument or flags.\n"),
        Cli.run("services", "register", "-http-addr", dev.addr));
    assertEquals(new Cli.Result(1, "", "Service registration requires arguments or -id, not both.\n"),
        Cli.run("services", "register", "-http-addr", dev.addr, "-name", "x", "f.json"));
    assertEquals(new Cli.Result(1, "", "Service deregistration requires at least one argument or -id.\n"),
        Cli.run("services", "deregister", "-http-addr", dev.addr));
    Path broken = Files.writeString(dir.resolve("bad.json"), "{\"service\": {\"port\": \"eighty\"}}");
    Cli.Result bad = Cli.run("services", "register", "-http-addr", dev.addr, broken.toString());
    assertEquals(1, bad.code());
    assertTrue(bad.err().startsWith("Error: ") && bad.err().contains("bad.json"), bad.err());
    Cli.Result missing = Cli.run("services", "deregister", "-http-addr", dev.addr, "-id", "nope");
    assertEquals(1, missing.code());
    assertTrue(missing.err().contains("Unexpected response code: 404"), missing.err());
  }
}
