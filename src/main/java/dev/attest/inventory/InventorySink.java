package dev.attest.inventory;

/** Where a source delivers what it read: objects, and problems that did not stop it. */
public interface InventorySink {
  /** An object and where it was read ({@code file:line}, or another description). */
  void accept(ArmObject object, String origin);

  /** An object read at a line of a file; sinks that keep file and line apart avoid joining them. */
  default void accept(ArmObject object, String file, int line) {
    accept(object, file + ":" + line);
  }

  void problem(SourceProblem problem);
}
