package dev.attest.inventory;

/** Something a source could not read: the file, the place in it, and what was wrong. */
public record SourceProblem(String file, int line, int column, String message) {

  /** One line for a terminal or a log: {@code file:line:col: message}. */
  public String describe() {
    if (line <= 0) {
      return file + ": " + message;
    }
    return file + ":" + line + ":" + column + ": " + message;
  }
}
