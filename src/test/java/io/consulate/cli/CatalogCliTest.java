package io.consulate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.agent.Agent;
import io.consulate.agent.TestAgent;
import io.consulate.http.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** catalog nodes, services and datacenters, with Consul's tables and messages. */
class CatalogCliTest {
  private static Agent agent;
  private static ApiClient api;
  private static String addr;
  private static String nodeId;

  @BeforeAll
  static void start() throws Exception {
    agent = TestAgent.startDev();
    api = new ApiClient(agent.httpPort());
    addr = "127.0.0.1:" + agent.httpPort();
    api.put("/v1/catalog/register", "{\"Node\":\"ext-1\",\"ID\":\"0f1a2b3c-aaaa-bbbb-cccc-000000000001\","
        + "\"Address\":\"10.1.1.1\",\"NodeMeta\":{\"rack\":\"r2\",\"az\":\"a\"},"
        + "\"Service\":{\"Service\":\"db\",\"Tags\":[\"primary\",\"eu\"],\"Port\":5432}}");
    api.put("/v1/catalog/register", "{\"Node\":\"ext-1\",\"Address\":\"10.1.1.1\",\"NodeMeta\":{\"rack\":\"r2\","
        + "\"az\":\"a\"},\"Service\":{\"Service\":\"cache\",\"Port\":6379}}");
    nodeId = api.get("/v1/catalog/node/test-node").bodyAsJsonObject().getJsonObject("Node").getString("ID");
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
    TestAgent.stop(agent);
  }

  @Test
  void nodesTableShortensIds() throws Exception {
    String own = nodeId.substring(0, nodeId.indexOf('-'));
    assertEquals(new Cli.Result(0, "Node       ID        Address    DC\n"
        + "ext-1      0f1a2b3c  10.1.1.1   dc1\n"
        + "test-node  " + own + "  127.0.0.1  dc1\n", ""),
        Cli.run("catalog", "nodes", "-http-addr", addr, "-near", "_agent"));
  }

  @Test
  void nodesDetailedServiceMetaAndFilter() throws Exception {
    Cli.Result detailed = Cli.run("catalog", "nodes", "-http-addr", addr, "-detailed", "-service", "db");
    assertEquals("Node   ID                                    Address   DC   TaggedAddresses  Meta\n"
        // No tagged addresses: the empty cell is padded like any other (columnize).
        + "ext-1  0f1a2b3c-aaaa-bbbb-cccc-000000000001  10.1.1.1  dc1  " + " ".repeat(15) + "  az=a, rack=r2\n",
        detailed.out());
    assertTrue(Cli.run("catalog", "nodes", "-http-addr", addr, "-node-meta", "rack=r2").out().contains("ext-1"));
    assertEquals(1, Cli.run("catalog", "nodes", "-http-addr", addr, "-filter", "Node == \"ext-1\"").out()
        .lines().filter(l -> l.startsWith("ext-1")).count());
    assertEquals(new Cli.Result(0, "", "No nodes match the given query - try expanding your search.\n"),
        Cli.run("catalog", "nodes", "-http-addr", addr, "-node-meta", "rack=none"));
  }

  @Test
  void servicesSortedWithTagsAndByNode() throws Exception {
    assertEquals(new Cli.Result(0, "cache\nconsul\ndb\n", ""), Cli.run("catalog", "services", "-http-addr", addr));
    // Go's tabwriter pads the tag-less first line too; only the whole output's end is trimmed.
    assertEquals("cache      \ndb         eu,primary\n",
        Cli.run("catalog", "services", "-http-addr", addr, "-tags", "-node", "ext-1").out());
    assertEquals(new Cli.Result(0, "", "No services match the given query - try expanding your search.\n"),
        Cli.run("catalog", "services", "-http-addr", addr, "-node", "ghost"));
    assertEquals(new Cli.Result(1, "", "Too many arguments (expected 0, got 1)\n"),
        Cli.run("catalog", "services", "-http-addr", addr, "extra"));
  }

  @Test
  void datacenters() throws Exception {
    assertEquals(new Cli.Result(0, "dc1\n", ""), Cli.run("catalog", "datacenters", "-http-addr", addr));
  }
}
