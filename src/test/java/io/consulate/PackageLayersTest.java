package io.consulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's rule that the arrows between packages point down, never back up: each package may use only
 * packages of a lower layer. The layers are the architecture's, top (the process) to bottom (the domain).
 */
class PackageLayersTest {
  private static final Map<String, Integer> LAYER = Map.ofEntries(
      Map.entry("agent", 0),
      Map.entry("cli", 1), Map.entry("template", 1), Map.entry("ui", 1),
      Map.entry("http", 2),
      Map.entry("local", 3),
      Map.entry("health", 4), Map.entry("dns", 4),
      Map.entry("query", 5),
      Map.entry("store", 6),
      Map.entry("cluster", 7), Map.entry("kv", 7), Map.entry("acl", 7),
      Map.entry("json", 8),
      Map.entry("catalog", 9));
  private static final Pattern USE = Pattern.compile("io\\.consulate\\.([a-z]+)\\.");

  @Test
  void everyPackageUsesOnlyLowerLayers() throws IOException {
    Path root = Path.of("src/main/java/io/consulate");
    List<String> upward = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String from = root.relativize(f).getName(0).toString();
        Integer fromLayer = LAYER.get(from);
        if (fromLayer == null) {
          upward.add(f + ": package " + from + " has no layer in this test");
          continue;
        }
        Matcher m = USE.matcher(Files.readString(f));
        while (m.find()) {
          String to = m.group(1);
          if (to.equals(from)) continue;
          Integer toLayer = LAYER.get(to);
          if (toLayer == null || toLayer <= fromLayer) upward.add(f + " uses " + to);
        }
      }
    }
    assertEquals(List.of(), upward.stream().distinct().toList());
  }
}
