package io.supervisor4j.ctl;

/** Ctrl-C arrived while the controller waited for typed input. */
public final class CtlInterrupted extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CtlInterrupted() {
    super("interrupted", null, false, false);
  }
}
