package dev.attest.inventory;

/** Where a source delivers what it read: objects, and problems that did not stop it. */
public interface InventorySink {
  void accept(ArmObject object, String origin);

  void problem(SourceProblem problem);
}
