package dev.attest.bundle;

import dev.attest.inventory.ArmObject;
import dev.attest.inventory.InventorySink;
import dev.attest.inventory.InventorySource;
import dev.attest.inventory.SourceProblem;

/**
 * Wraps a source so that every object is redacted as it is read: the engine, the findings'
 * evidence, every report and the bundle's snapshot then only ever see the redacted copy, and a
 * re-scan of the bundle's snapshot evaluates exactly what the original scan evaluated. Objects are
 * redacted in place: a source hands over each object it reads and keeps no reference to it.
 */
public final class RedactingSource implements InventorySource {
  private final InventorySource source;
  private final Redactor redactor;

  public RedactingSource(InventorySource source, Redactor redactor) {
    this.source = source;
    this.redactor = redactor;
  }

  @Override
  public String describe() {
    return source.describe();
  }

  @Override
  public java.util.List<InventorySource> parts() {
    java.util.List<InventorySource> parts = source.parts();
    return parts.size() < 2 ? java.util.List.of(this)
        : parts.stream().map(part -> (InventorySource) new RedactingSource(part, redactor)).toList();
  }

  @Override
  public void readInto(InventorySink sink) {
    source.readInto(new InventorySink() {
      @Override
      public void accept(ArmObject object, String origin) {
        sink.accept(new ArmObject(object.id(), object.type(), redactor.redactOwned(object.body())), origin);
      }

      @Override
      public void accept(ArmObject object, String file, int line) {
        sink.accept(new ArmObject(object.id(), object.type(), redactor.redactOwned(object.body())), file, line);
      }

      @Override
      public void problem(SourceProblem problem) {
        sink.problem(problem);
      }
    });
  }
}
