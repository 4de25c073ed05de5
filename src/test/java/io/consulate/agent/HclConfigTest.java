package io.consulate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each of Consul's HCL forms gives the same effective configuration as its JSON equivalent. */
class HclConfigTest {
  @TempDir
  Path dir;

  static Stream<Arguments> forms() {
    return Stream.of(
        form("scalars", """
            datacenter = "east"
            enable_local_script_checks = true
            protocol = 2
            reconnect_timeout = "8h"
            """, """
            {"datacenter": "east", "enable_local_script_checks": true, "protocol": 2, "reconnect_timeout": "8h"}"""),
        form("ports block", """
            ports {
              dns = 8601
              http = 8501
              serf_lan = 8401
            }
            """, """
            {"ports": {"dns": 8601, "http": 8501, "serf_lan": 8401}}"""),
        form("ports assigned an object", "ports = { dns = 8601, http = 8501 }", """
            {"ports": {"dns": 8601, "http": 8501}}"""),
        form("ui_config and node_meta blocks", """
            ui_config {
              enabled = false
            }
            node_meta {
              rack = "r1"
              "zone-name" = "a"
            }
            """, """
            {"ui_config": {"enabled": false}, "node_meta": {"rack": "r1", "zone-name": "a"}}"""),
        form("lists", """
            retry_join = ["10.0.0.1", "10.0.0.2:8301"]
            recursors = ["1.1.1.1"]
            """, """
            {"retry_join": ["10.0.0.1", "10.0.0.2:8301"], "recursors": ["1.1.1.1"]}"""),
        form("dns_config with a nested block", """
            dns_config {
              only_passing = true
              udp_answer_limit = 5
              service_ttl {
                "*" = "5s"
                web = "30s"
              }
            }
            """, """
            {"dns_config": {"only_passing": true, "udp_answer_limit": 5, "service_ttl": {"*": "5s", "web": "30s"}}}"""),
        form("one service block with tags, meta and a check block", """
            # the web front end
            service {
              name = "web"
              tags = ["a", "b"]
              port = 8080
              meta {
                version = "2"
              }
              check {
                http = "http://127.0.0.1:8080/health"
                interval = "10s"
              }
            }
            """, """
            {"service": {"name": "web", "tags": ["a", "b"], "port": 8080, "meta": {"version": "2"},
              "check": {"http": "http://127.0.0.1:8080/health", "interval": "10s"}}}"""),
        form("repeated service blocks", """
            service {
              name = "web"
              port = 80
            }
            service {
              name = "api"
              port = 81
            }
            """, """
            {"services": [{"name": "web", "port": 80}, {"name": "api", "port": 81}]}"""),
        form("services as a list", """
            services = [
              { name = "web", port = 80 },
              { name = "api", port = 81 },
            ]
            """, """
            {"services": [{"name": "web", "port": 80}, {"name": "api", "port": 81}]}"""),
        form("repeated services blocks", """
            services {
              name = "web"
            }
            services {
              name = "api"
            }
            """, """
            {"services": [{"name": "web"}, {"name": "api"}]}"""),
        form("a service's checks as a list", """
            service {
              name = "web"
              checks = [
                { id = "tcp", tcp = "127.0.0.1:80", interval = "5s" },
                { id = "ttl", ttl = "30s", status = "passing" }
              ]
            }
            """, """
            {"service": {"name": "web", "checks": [{"id": "tcp", "tcp": "127.0.0.1:80", "interval": "5s"},
              {"id": "ttl", "ttl": "30s", "status": "passing"}]}}"""),
        form("a service's repeated checks blocks", """
            service {
              name = "web"
              checks {
                id = "one"
                ttl = "10s"
              }
              checks {
                id = "two"
                ttl = "20s"
              }
            }
            """, """
            {"service": {"name": "web", "checks": [{"id": "one", "ttl": "10s"}, {"id": "two", "ttl": "20s"}]}}"""),
        form("top-level check block and checks list", """
            check {
              id = "disk"
              ttl = "1m"
            }
            checks = [{ id = "mem", ttl = "2m" }]
            """, """
            {"check": {"id": "disk", "ttl": "1m"}, "checks": [{"id": "mem", "ttl": "2m"}]}"""),
        form("repeated checks blocks", """
            checks {
              id = "a"
              ttl = "1m"
            }
            checks {
              id = "b"
              ttl = "1m"
            }
            """, """
            {"checks": [{"id": "a", "ttl": "1m"}, {"id": "b", "ttl": "1m"}]}"""),
        form("heredoc and a literal ${...}", """
            enable_local_script_checks = true
            check {
              id = "home"
              args = ["sh", "-c", "echo ${HOME} > /dev/null"]
              interval = "10s"
              notes = <<EOT
            Checks the home directory.
            See ${RUNBOOK}.
            EOT
            }
            """, """
            {"enable_local_script_checks": true, "check": {"id": "home",
              "args": ["sh", "-c", "echo ${HOME} > /dev/null"], "interval": "10s",
              "notes": "Checks the home directory.\\nSee ${RUNBOOK}.\\n"}}"""),
        form("comments of every kind", """
            // a line comment
            datacenter = "east" # after a value
            /* a block
               comment */
            """, """
            {"datacenter": "east"}"""));
  }

  private static Arguments form(String name, String hcl, String json) {
    return Arguments.of(name, hcl, json);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void hclGivesTheConfigOfItsJsonEquivalent(String name, String hcl, String json) throws Exception {
    AgentConfig fromJson = load("json", "a.json", json);
    AgentConfig fromHcl = load("hcl", "a.hcl", hcl);
    assertNotEquals(load("none", null, null), fromJson, "the case sets something");
    assertEquals(fromJson, fromHcl);
  }

  /** Consul's HCL reads a document that starts with '{' as JSON, so -config-format hcl takes JSON files too. */
  @Test
  void configFormatForcesTheFormatOfEveryFile() throws Exception {
    Files.writeString(dir.resolve("agent.conf"), "datacenter = \"east\"\nports { dns = 8601 }\n");
    Files.writeString(dir.resolve("web.json"), "{\"service\": {\"name\": \"web\", \"port\": 80}}");
    AgentFlags f = flags(dir);
    f.configFormat = "hcl";
    AgentConfig c = ConfigLoader.load(f);
    assertEquals("east", c.datacenter());
    assertEquals(8601, c.dnsPort());
    assertEquals("web", c.services().get(0).name());
    f.configFormat = "yaml";
    assertEquals("-config-format must be either 'hcl' or 'json'",
        assertThrows(ConfigException.class, () -> ConfigLoader.load(f)).getMessage());
  }

  /** -hcl fragments come last, after the files and the flags, as Consul's; lists still accumulate. */
  @Test
  void hclFragmentsAreTheLastSource() throws Exception {
    Files.writeString(dir.resolve("a.hcl"), "datacenter = \"east\"\nrecursors = [\"1.1.1.1\"]\n");
    AgentFlags f = flags(dir);
    f.datacenter = "west";
    f.hcl.add("datacenter = \"north\"");
    f.hcl.add("recursors = [\"8.8.8.8\"]\nservice {\n  name = \"web\"\n}");
    AgentConfig c = ConfigLoader.load(f);
    assertEquals("north", c.datacenter());
    assertEquals(List.of("1.1.1.1", "8.8.8.8"), c.recursors());
    assertEquals("web", c.services().get(0).name());
  }

  private AgentConfig load(String sub, String file, String text) throws Exception {
    Path d = Files.createDirectories(dir.resolve(sub));
    if (file != null) Files.writeString(d.resolve(file), text);
    return ConfigLoader.load(flags(d));
  }

  private static AgentFlags flags(Path configDir) {
    AgentFlags f = new AgentFlags();
    f.dev = true;
    f.node = "n1";
    f.configDirs.add(configDir);
    return f;
  }
}
