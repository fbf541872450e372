package io.supervisor4j.config;

/**
 * A value that a conversion or expansion rejects. Internal: the readers catch it and record it with the file,
 * line, section and key it came from, so the user sees every problem at once.
 */
final class ValueProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ValueProblem(String message) {
    super(message, null, false, false);
  }
}
