package io.consulate.ui;

import io.consulate.catalog.CatalogSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The summaries of one snapshot, built once and shared: twenty open tabs refreshing after one registration
 * summarize the catalog once, not twenty times. Holding only the latest snapshot's keeps memory flat.
 */
final class Summaries<T> {
  private record Built<T>(CatalogSnapshot snapshot, List<T> items) {}

  private final Function<CatalogSnapshot, List<T>> build;
  private volatile Built<T> latest = new Built<>(null, List.of());

  Summaries(Function<CatalogSnapshot, List<T>> build) {
    this.build = build;
  }

  List<T> of(CatalogSnapshot snap) {
    Built<T> b = latest;
    if (b.snapshot() == snap) return b.items();
    List<T> items = build.apply(snap);
    latest = new Built<>(snap, items);
    return items;
  }

  /** Every service of the snapshot, by name. */
  static List<ServiceSummary> services(CatalogSnapshot snap) {
    List<ServiceSummary> out = new ArrayList<>(snap.serviceTags().size());
    // Names are case-insensitive: "Web" and "web" are one service, listed once.
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String name : snap.serviceTags().keySet()) {
      if (seen.add(name.toLowerCase(java.util.Locale.ROOT))) out.add(ServiceSummary.of(name, snap.health(name)));
    }
    return List.copyOf(out);
  }
}
