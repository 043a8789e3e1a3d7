package dev.attest.inventory;

import java.util.List;

/**
 * A source of ARM objects: exported snapshots, the embedded demo tenant, or a live collector.
 * Sources stream into a sink, so none has to hold a tenant in memory on its own.
 */
public interface InventorySource {
  /** A short description for coverage statements, e.g. the snapshot path. */
  String describe();

  /** Reads everything this source holds into the sink; problems are reported, not thrown. */
  void readInto(InventorySink sink);

  /**
   * Parts that may be read concurrently, each into its own sink, whose deliveries in this order
   * are exactly what {@link #readInto} delivers (the files of a snapshot).
   * By default the source is one part.
   */
  default List<InventorySource> parts() {
    return List.of(this);
  }
}
