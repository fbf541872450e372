package io.supervisor4j.ctl;

/**
 * A result struct carried a status the command does not expect; supervisorctl raises ValueError there and prints
 * it as an {@code error:} line, which {@link PyErrors} reproduces with the raising line of supervisorctl.py.
 */
final class UnknownResultCode extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int pythonLine;

  UnknownResultCode(int code, String namespec, int pythonLine) {
    super("Unknown result code " + code + " for " + namespec, null, false, false);
    this.pythonLine = pythonLine;
  }

  int pythonLine() {
    return pythonLine;
  }
}
