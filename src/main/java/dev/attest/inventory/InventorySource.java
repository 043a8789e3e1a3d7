package dev.attest.inventory;

/**
 * A source of ARM objects: exported snapshots, the embedded demo tenant, or a live collector.
 * Sources stream into a sink, so none has to hold a tenant in memory on its own.
 */
public interface InventorySource {
  /** A short description for coverage statements, e.g. the snapshot path. */
  String describe();

  /** Reads everything this source holds into the sink; problems are reported, not thrown. */
  void readInto(InventorySink sink);
}
