package io.supervisor4j.spawn;

/** Decoding of a raw waitpid status word (Linux layout). */
public final class WaitStatus {
  private WaitStatus() {}

  public static boolean exited(int status) {
    return (status & 0x7f) == 0;
  }

  public static int exitCode(int status) {
    return (status >> 8) & 0xff;
  }

  public static boolean signaled(int status) {
    return ((byte) ((status & 0x7f) + 1) >> 1) > 0;
  }

  public static int signal(int status) {
    return status & 0x7f;
  }

  public static boolean coreDumped(int status) {
    return signaled(status) && (status & 0x80) != 0;
  }

  /** Builds the status word of a normal exit (for fakes in tests of other modules). */
  public static int ofExit(int code) {
    return (code & 0xff) << 8;
  }

  public static int ofSignal(int sig, boolean core) {
    return (sig & 0x7f) | (core ? 0x80 : 0);
  }

  /** supervisord's wording: {@code exit status 3} or {@code terminated by SIGKILL} (+ {@code  (core dumped)}). */
  public static String describe(int status) {
    if (exited(status)) {
      return "exit status " + exitCode(status);
    }
    if (signaled(status)) {
      return "terminated by " + Signals.signame(signal(status)) + (coreDumped(status) ? " (core dumped)" : "");
    }
    return "unknown termination cause 0x" + Integer.toHexString(status);
  }
}
