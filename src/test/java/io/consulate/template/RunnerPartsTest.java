package io.consulate.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's pure parts: -wait timing, back-off, -template parsing and the only-if-changed write. */
class RunnerPartsTest {
  private static final long S = 1_000_000_000L;

  @Test
  void waitRendersAfterQuietMinButNoLaterThanMaxAfterTheFirstChange() {
    Quiescence q = Quiescence.parse("2s:5s");
    assertEquals(2 * S, q.delayAfterChange(0));
    assertEquals(2 * S, q.delayAfterChange(1 * S), "a change in the quiet period restarts it");
    assertEquals(1 * S, q.delayAfterChange(4 * S), "but the burst renders at most 5 s after it began");
    q.rendered();
    assertEquals(2 * S, q.delayAfterChange(10 * S), "a new burst");
  }

  @Test
  void waitWithoutMaxIsFourTimesMin() {
    Quiescence q = Quiescence.parse("1s");
    q.delayAfterChange(0);
    assertEquals(S, q.delayAfterChange(3 * S));
    assertEquals(0, q.delayAfterChange(4 * S));
    assertThrows(IllegalArgumentException.class, () -> Quiescence.parse("5s:1s"));
  }

  @Test
  void backoffDoublesToThirtySecondsAndResets() {
    Backoff b = new Backoff();
    long[] expected = {1, 2, 4, 8, 16, 30, 30};
    for (long e : expected) assertEquals(Duration.ofSeconds(e), b.next());
    b.reset();
    assertEquals(Duration.ofSeconds(1), b.next());
  }

  @Test
  void templateSpecKeepsColonsInTheCommand() {
    TemplateSpec s = TemplateSpec.parse("in.ctmpl:out.conf:nginx -s reload && echo a:b");
    assertEquals(Path.of("in.ctmpl"), s.source());
    assertEquals(Path.of("out.conf"), s.destination());
    assertEquals("nginx -s reload && echo a:b", s.command());
    assertNull(TemplateSpec.parse("a:b").command());
    assertThrows(IllegalArgumentException.class, () -> TemplateSpec.parse("only-source"));
  }

  @Test
  void outputIsWrittenOnlyWhenItChanges(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("sub/out.conf");
    assertTrue(OutputFile.write(out, "a"));
    assertFalse(OutputFile.write(out, "a"));
    assertTrue(OutputFile.write(out, "b"));
    assertEquals("b", Files.readString(out));
    try (var files = Files.list(out.getParent())) {
      assertEquals(1, files.count(), "no temporary files left behind");
    }
  }
}
