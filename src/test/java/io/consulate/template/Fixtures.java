package io.consulate.template;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** In-memory registry data for renderer tests, built from the JSON Consul answers with, through Decoders. */
final class Fixtures {
  private Fixtures() {}

  /** One /v1/health/service entry. */
  static String instance(String node, String nodeAddr, String id, String name, String addr, int port, String tags, String meta, String status) {
    return """
        {"Node":{"ID":"id-%1$s","Node":"%1$s","Address":"%2$s","Datacenter":"dc1","TaggedAddresses":{},"Meta":{"rack":"r1"}},
         "Service":{"ID":"%3$s","Service":"%4$s","Address":"%5$s","Port":%6$d,"Tags":[%7$s],"Meta":{%8$s}},
         "Checks":[{"Node":"%1$s","CheckID":"serfHealth","Status":"passing"},{"Node":"%1$s","CheckID":"service:%3$s","Status":"%9$s"}]}"""
        .formatted(node, nodeAddr, id, name, addr, port, tags, meta, status);
  }

  static String kv(String key, String value) {
    return "{\"Key\":\"" + key + "\",\"Value\":\"" + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))
        + "\",\"Flags\":0,\"CreateIndex\":5,\"ModifyIndex\":7,\"LockIndex\":0}";
  }

  /** A registry with two healthy "web" instances, a "db" service, two nodes and a few keys. */
  static Map<Dependency, Object> registry() {
    Map<Dependency, Object> data = new HashMap<>();
    String web1 = instance("node1", "10.0.0.1", "web-1", "web", "10.5.2.45", 2492, "\"release\",\"production\"", "\"version\":\"1\"", "passing");
    String web2 = instance("node2", "10.0.0.2", "web-2", "web", "", 2904, "\"canary\"", "", "passing");
    String web3 = instance("node3", "10.0.0.3", "web-3", "web", "10.5.2.47", 2905, "", "", "critical");
    put(data, "web", "[" + web1 + "," + web2 + "]");
    put(data, "release.web", "[" + web1 + "]");
    put(data, "web|passing,warning", "[" + web1 + "," + web2 + "," + web3 + "]");
    put(data, "web|any", "[" + web1 + "," + web2 + "," + web3 + "]");
    put(data, "consul", "[]");
    put(data, "db", "[" + instance("node1", "10.0.0.1", "db-1", "db", "", 5432, "", "", "passing") + "]");
    put(data, "test", "[" + instance("n1", "127.0.0.1", "t1", "test", "127.0.0.1", 8081, "", "", "passing") + ","
        + instance("n1", "127.0.0.1", "t2", "test", "127.0.0.1", 8082, "", "", "passing") + "]");
    data.put(Dependency.Services.parse(""), Decoders.decode(Dependency.Services.parse(""),
        "{\"consul\":[],\"web\":[\"release\",\"canary\",\"release\"],\"db\":[\"primary\"]}"));
    String nodes = "[{\"ID\":\"b\",\"Node\":\"node2\",\"Address\":\"10.46.2.5\",\"Datacenter\":\"dc1\"},"
        + "{\"ID\":\"a\",\"Node\":\"node1\",\"Address\":\"10.4.2.13\",\"Datacenter\":\"dc1\",\"Meta\":{\"os\":\"linux\"}}]";
    data.put(Dependency.Nodes.parse(""), Decoders.decode(Dependency.Nodes.parse(""), nodes));
    String node1 = "{\"Node\":{\"ID\":\"a\",\"Node\":\"node1\",\"Address\":\"10.5.2.6\",\"Datacenter\":\"dc1\"},"
        + "\"Services\":{\"web-1\":{\"ID\":\"web-1\",\"Service\":\"web\",\"Tags\":[],\"Port\":2492},\"db-1\":{\"ID\":\"db-1\",\"Service\":\"db\",\"Port\":5432}}}";
    data.put(Dependency.CatalogNode.parse(""), Decoders.decode(Dependency.CatalogNode.parse(""), node1));
    data.put(Dependency.CatalogNode.parse("ghost"), Decoders.decode(Dependency.CatalogNode.parse("ghost"), "null"));
    data.put(Dependency.Key.parse("service/redis/maxconns"), Decoders.decode(Dependency.Key.parse("x"), "[" + kv("service/redis/maxconns", "15") + "]"));
    data.put(Dependency.Key.parse("service/redis/absent"), Decoders.absent(Dependency.Key.parse("x")));
    data.put(Dependency.Key.parse("service/redis/empty"), Decoders.decode(Dependency.Key.parse("x"), "[{\"Key\":\"service/redis/empty\",\"Value\":null}]"));
    String redis = "[" + kv("service/redis/", "") + "," + kv("service/redis/maxconns", "15") + "," + kv("service/redis/minconns", "5") + ","
        + kv("service/redis/nested/config/value", "\"value\"") + "]";
    data.put(Dependency.KeyPrefix.parse("service/redis"), Decoders.decode(Dependency.KeyPrefix.parse("service/redis"), redis));
    data.put(Dependency.KeyPrefix.parse("nothing/here"), Decoders.absent(Dependency.KeyPrefix.parse("nothing/here")));
    return data;
  }

  private static void put(Map<Dependency, Object> data, String spec, String json) {
    Dependency d = Dependency.Service.parse(spec);
    data.put(d, Decoders.decode(d, json));
  }
}
