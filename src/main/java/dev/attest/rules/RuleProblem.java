package dev.attest.rules;

/** A problem in a rule, fixture or catalog file, with its place and the offending line. */
public record RuleProblem(String file, int line, int column, String message, String sourceLine) {

  /** {@code file:line:col: message}, then the line and a caret under the column. */
  public String describe() {
    String head = line > 0 ? file + ":" + line + ":" + column + ": " + message : file + ": " + message;
    if (sourceLine == null || sourceLine.isBlank() || column <= 0) {
      return head;
    }
    return head + "\n    " + sourceLine + "\n    " + " ".repeat(Math.max(0, column - 1)) + "^";
  }

  /** Thrown where one problem stops the reading of a file. */
  public static final class Failure extends Exception {
    private final transient RuleProblem problem;

    public Failure(RuleProblem problem) {
      super(problem.message(), null, false, false);
      this.problem = problem;
    }

    public RuleProblem problem() {
      return problem;
    }
  }
}
