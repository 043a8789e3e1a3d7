package dev.attest.inventory;

/**
 * Wraps a source and counts the objects it delivers, so a caller can tell an input that held
 * nothing (an empty export, a folder of {@code []}) from one that was read.
 */
public final class CountingSource implements InventorySource {
  private final InventorySource source;
  private long objects;

  public CountingSource(InventorySource source) {
    this.source = source;
  }

  @Override
  public String describe() {
    return source.describe();
  }

  @Override
  public void readInto(InventorySink sink) {
    source.readInto(new InventorySink() {
      @Override
      public void accept(ArmObject object, String origin) {
        objects++;
        sink.accept(object, origin);
      }

      @Override
      public void problem(SourceProblem problem) {
        sink.problem(problem);
      }
    });
  }

  /** Objects delivered so far. */
  public long objects() {
    return objects;
  }
}
