package io.consulate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defaults &lt; files (lexical order) &lt; flags, and errors that name the file. */
class ConfigLoaderTest {
  @TempDir
  Path dir;

  private AgentFlags flags() {
    AgentFlags f = new AgentFlags();
    f.dev = true;
    f.configDirs.add(dir);
    return f;
  }

  /** Not -dev: a data dir and a loopback bind, nothing else. */
  private AgentFlags persistentFlags() {
    AgentFlags f = flags();
    f.dev = false;
    f.dataDir = dir.resolve("data");
    f.bind = "127.0.0.1";
    return f;
  }

  @Test
  void defaultsAreConsuls() {
    AgentConfig c = ConfigLoader.load(flags());
    assertEquals("dc1", c.datacenter());
    assertEquals("consul.", c.domain());
    assertEquals(8500, c.httpPort());
    assertEquals(8600, c.dnsPort());
    assertEquals("127.0.0.1", c.clientAddr());
    assertEquals(3, c.dns().udpAnswerLimit());
    assertEquals(null, c.dataDir(), "-dev keeps state in memory");
  }

  @Test
  void laterFilesWinAndFlagsWinOverFiles() throws Exception {
    Files.writeString(dir.resolve("a.json"), "{\"datacenter\": \"east\", \"ports\": {\"http\": 1000, \"dns\": 2000},"
        + " \"recursors\": [\"10.0.0.1\"], \"dns_config\": {\"only_passing\": true, \"service_ttl\": {\"*\": \"5s\"}}}");
    Files.writeString(dir.resolve("b.json"), "{\"datacenter\": \"west\", \"recursors\": [\"10.0.0.2\"],"
        + " \"service\": {\"name\": \"web\", \"port\": 80}}");
    AgentFlags f = flags();
    f.httpPort = 3000;
    f.recursors.add("10.0.0.3");
    AgentConfig c = ConfigLoader.load(f);
    assertEquals("west", c.datacenter());
    assertEquals(3000, c.httpPort());
    assertEquals(2000, c.dnsPort());
    assertEquals(List.of("10.0.0.1", "10.0.0.2", "10.0.0.3"), c.recursors());
    assertTrue(c.dns().onlyPassing());
    assertEquals(Map.of("*", 5L), c.dns().serviceTtl());
    assertEquals("web", c.services().get(0).name());
  }

  @Test
  void aBrokenFileIsNamedWithTheReason() throws Exception {
    Files.writeString(dir.resolve("bad.json"), "{\"service\": {\"port\": 80}}");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(flags()));
    assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("Missing service name"), e.getMessage());
  }

  @Test
  void consulsDnsCacheKeysAreAcceptedAndTypeChecked() throws Exception {
    Files.writeString(dir.resolve("dns.json"), "{\"dns_config\": {\"use_cache\": true, \"cache_max_age\": \"10s\","
        + " \"allow_stale\": true, \"max_stale\": \"87600h\"}}");
    assertEquals(8600, ConfigLoader.load(flags()).dnsPort());
    Files.writeString(dir.resolve("dns.json"), "{\"dns_config\": {\"use_cache\": \"maybe\"}}");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(flags()));
    assertTrue(e.getMessage().contains("dns.json") && e.getMessage().contains("use_cache"), e.getMessage());
  }

  @Test
  void encryptFromAFileTheFlagWinsAndTheVerifySwitchesOnlyWhenTrue() throws Exception {
    assertTrue(!ConfigLoader.load(flags()).cluster().encrypt().enabled(), "no key by default");
    Files.writeString(dir.resolve("encrypt.hcl"), "encrypt = \"pUqJrVyVRj5jsiYEkM/tFQ==\"\n"
        + "encrypt_verify_incoming = true\nencrypt_verify_outgoing = true\n");
    AgentConfig c = ConfigLoader.load(flags());
    assertTrue(c.cluster().encrypt().enabled() && c.wan().encrypt().enabled());
    AgentFlags f = flags();
    f.encrypt = "AAAAAAAAAAA=";
    assertEquals("encrypt has invalid key: key size must be 16, 24 or 32 bytes, not 8",
        assertThrows(ConfigException.class, () -> ConfigLoader.load(f)).getMessage(), "the flag wins, and is checked");
    Files.writeString(dir.resolve("encrypt.hcl"), "encrypt_verify_incoming = false\n");
    assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(flags())).getMessage()
        .endsWith("encrypt_verify_incoming = false is not supported by Consulate: every member of an encrypted cluster"
            + " must hold the key"));
  }

  @Test
  void tlsKeysAndTheirRefusals() throws Exception {
    Files.writeString(dir.resolve("tls.json"), "{\"ports\": {\"https\": 8501}}");
    assertEquals("ports.https is set but no TLS certificate is configured: set tls.defaults cert_file and key_file",
        assertThrows(ConfigException.class, () -> ConfigLoader.load(flags())).getMessage());
    Path cert = Files.writeString(dir.resolve("cert.pem"), "x");
    Files.writeString(dir.resolve("tls.json"), "{\"ports\": {\"https\": 8501, \"http\": -1}, \"tls\": {\"defaults\":"
        + " {\"cert_file\": \"" + cert + "\", \"key_file\": \"" + cert + "\", \"tls_min_version\": \"TLSv1_3\"}}}");
    AgentConfig c = ConfigLoader.load(flags());
    assertEquals(8501, c.httpsPort());
    assertEquals(-1, c.httpPort());
    assertEquals(cert, c.tls().certFile());
    assertEquals(List.of("TLSv1.3"), List.of(c.tls().protocols()));
    Files.writeString(dir.resolve("tls.json"), "{\"tls\": {\"defaults\": {\"verify_incoming\": true}}}");
    assertEquals("verify_incoming is set but no ca_file is configured to verify client certificates with",
        assertThrows(ConfigException.class, () -> ConfigLoader.load(flags())).getMessage());
  }

  @Test
  void aWrongTypeIsNamed() throws Exception {
    Files.writeString(dir.resolve("types.json"), "{\"ports\": {\"dns\": \"53\"}}");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(flags()));
    assertTrue(e.getMessage().contains("types.json") && e.getMessage().contains("ports.dns"), e.getMessage());
  }

  @Test
  void withoutDevADataDirIsRequired() {
    AgentFlags f = new AgentFlags();
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
    assertTrue(e.getMessage().contains("data_dir"), e.getMessage());
  }

  @Test
  void onlyServerModeIsClustered() throws Exception {
    AgentFlags lone = persistentFlags();
    assertEquals(false, ConfigLoader.load(lone).cluster().enabled(), "a lone agent binds no cluster port");
    assertEquals(false, ConfigLoader.load(lone).server());

    Files.writeString(dir.resolve("c.json"), "{\"retry_join\": [\"10.0.0.5\"], \"bootstrap_expect\": 3,"
        + " \"reconnect_timeout\": \"8h\", \"ports\": {\"serf_lan\": 9301}}");
    lone.retryJoin.add("10.0.0.6:9302");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(lone));
    assertEquals("'bootstrap_expect > 0' requires 'server = true'", e.getMessage());
    AgentFlags client = lone;
    client.bootstrapExpect = 0;
    assertEquals(false, ConfigLoader.load(client).cluster().enabled(), "a client joins no LAN view: it links to a server");
    lone.bootstrapExpect = null;
    lone.server = true;
    var c = ConfigLoader.load(lone).cluster();
    assertEquals(true, c.enabled());
    assertEquals(List.of("10.0.0.5", "10.0.0.6:9302"), c.join(), "files then flags");
    assertEquals(3, c.bootstrapExpect());
    assertEquals(9301, c.serfLanPort());
    assertEquals(java.time.Duration.ofHours(8), c.reconnectTimeout());
    assertEquals("127.0.0.1", c.bindAddr());
  }

  /** Consul's bootstrap rules and messages; {@code bootstrap} is a Raft group of one to start from. */
  @Test
  void bootstrapIsAGroupOfOneForServersOnly() throws Exception {
    AgentFlags f = persistentFlags();
    Files.writeString(dir.resolve("b.json"), "{\"bootstrap\": true, \"pid_file\": \"/run/consulate.pid\"}");
    assertEquals("'bootstrap = true' requires 'server = true'",
        assertThrows(ConfigException.class, () -> ConfigLoader.load(f)).getMessage());
    f.server = true;
    AgentConfig c = ConfigLoader.load(f);
    assertEquals(1, c.cluster().bootstrapExpect());
    assertEquals(Path.of("/run/consulate.pid"), c.pidFile());
    f.bootstrapExpect = 3;
    assertEquals("'bootstrap_expect > 0' and 'bootstrap = true' are mutually exclusive",
        assertThrows(ConfigException.class, () -> ConfigLoader.load(f)).getMessage());
    f.bootstrapExpect = -1;
    assertEquals("bootstrap_expect cannot be -1. Must be greater than or equal to zero",
        assertThrows(ConfigException.class, () -> ConfigLoader.load(f)).getMessage());
  }

  /** Consul reads a file given to -config-dir as one source (the seed's {@code -config-dir=/tmp/consul.json}). */
  @Test
  void aConfigDirThatIsAFileIsReadAsOne() throws Exception {
    Path file = dir.resolve("consul.json");
    Files.writeString(file, "{\"service\": {\"name\": \"web\", \"port\": 80}}");
    AgentFlags f = new AgentFlags();
    f.dev = true;
    f.configDirs.add(file);
    assertEquals("web", ConfigLoader.load(f).services().get(0).name());
    f.configDirs.set(0, dir.resolve("missing"));
    assertEquals(dir.resolve("missing") + ": config directory not found",
        assertThrows(ConfigException.class, () -> ConfigLoader.load(f)).getMessage());
  }

  /** -node-meta key:value and node_meta merge (flags last) and are checked with Consul's rules and messages. */
  @Test
  void nodeMetaFromFilesAndFlags() throws Exception {
    Files.writeString(dir.resolve("m.json"), "{\"node_meta\": {\"rack\": \"r1\", \"zone\": \"a\"}}");
    AgentFlags f = flags();
    f.nodeMeta.add("rack:r2");
    f.nodeMeta.add("url:http://x");
    assertEquals(Map.of("rack", "r2", "zone", "a", "url", "http://x"), ConfigLoader.load(f).nodeMeta());
    f.nodeMeta.add("nocolon");
    assertEquals("Missing \":\" in \"nocolon\" (-node-meta takes key:value)",
        assertThrows(ConfigException.class, () -> ConfigLoader.load(f)).getMessage());
    f.nodeMeta.set(2, "consul-x:1");
    assertEquals("node_meta invalid: Couldn't load metadata pair ('consul-x', '1'): Key prefix 'consul-' is reserved"
        + " for internal use", assertThrows(ConfigException.class, () -> ConfigLoader.load(f)).getMessage());
    f.nodeMeta.set(2, "bad key:1");
    assertEquals("node_meta invalid: Couldn't load metadata pair ('bad key', '1'): Key contains invalid characters",
        assertThrows(ConfigException.class, () -> ConfigLoader.load(f)).getMessage());
  }

  /** The UI is on in -dev, off otherwise unless asked for; flags beat ui_config, which beats the legacy "ui". */
  @Test
  void theUiFollowsConsulsDefaultsAndSwitches() throws Exception {
    assertTrue(ConfigLoader.load(flags()).ui().enabled());
    AgentFlags server = persistentFlags();
    assertFalse(ConfigLoader.load(server).ui().enabled());
    Files.writeString(dir.resolve("a.json"), "{\"ui\": true}");
    assertTrue(ConfigLoader.load(server).ui().enabled());
    Files.writeString(dir.resolve("b.json"), "{\"ui_config\": {\"enabled\": false}}");
    assertFalse(ConfigLoader.load(server).ui().enabled());
    server.ui = true;
    assertTrue(ConfigLoader.load(server).ui().enabled());
    AgentFlags dev = flags();
    dev.ui = false;
    assertFalse(ConfigLoader.load(dev).ui().enabled());

    Path assets = Files.createDirectories(dir.resolve("assets"));
    Files.writeString(dir.resolve("c.json"), "{\"ui_config\": {\"enabled\": true, \"dir\": \"" + assets + "\"}}");
    assertEquals(assets, ConfigLoader.load(persistentFlags()).ui().dir());
    AgentFlags missing = persistentFlags();
    missing.uiDir = dir.resolve("nowhere");
    assertEquals("ui_config.dir " + dir.resolve("nowhere") + ": not a directory",
        assertThrows(ConfigException.class, () -> ConfigLoader.load(missing)).getMessage());
  }

  /** SIGTERM and SIGINT: Consul's defaults follow the role at signal time; the file's keys override them. */
  @Test
  void shutdownRulesAreConsulsPerRole() throws Exception {
    AgentConfig.ShutdownSettings defaults = ConfigLoader.load(persistentFlags()).shutdown();
    assertTrue(defaults.leavesOn("TERM", true) && defaults.leavesOn("INT", true), "a client leaves on both");
    assertFalse(defaults.leavesOn("TERM", false) || defaults.leavesOn("INT", false), "a server on neither");
    Files.writeString(dir.resolve("s.json"), "{\"leave_on_terminate\": true, \"skip_leave_on_interrupt\": true}");
    AgentConfig.ShutdownSettings set = ConfigLoader.load(persistentFlags()).shutdown();
    assertTrue(set.leavesOn("TERM", false));
    assertFalse(set.leavesOn("INT", true));
  }
}
