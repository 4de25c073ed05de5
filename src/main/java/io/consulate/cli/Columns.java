package io.consulate.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Text tables as Consul's CLI prints them: each column but the last is padded to its widest cell plus a gap, the
 * last is never padded. A gap of 2 is columnize's (node and member tables), 6 is Go tabwriter's as Consul sets it
 * up (kv get -detailed, catalog services -tags).
 */
final class Columns {
  private final int gap;
  private final List<String[]> rows = new ArrayList<>();

  Columns(int gap) {
    this.gap = gap;
  }

  Columns row(String... cells) {
    rows.add(cells);
    return this;
  }

  /** The table, one line per row, each ending in a newline. */
  String format() {
    List<Integer> widths = new ArrayList<>();
    for (String[] r : rows) {
      for (int i = 0; i < r.length - 1; i++) {
        if (widths.size() <= i) widths.add(0);
        widths.set(i, Math.max(widths.get(i), r[i].length()));
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] r : rows) {
      for (int i = 0; i < r.length - 1; i++) out.append(r[i]).append(" ".repeat(widths.get(i) - r[i].length() + gap));
      if (r.length > 0) out.append(r[r.length - 1]);
      out.append('\n');
    }
    return out.toString();
  }
}
