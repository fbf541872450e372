package io.supervisor4j.spawn;

/**
 * The ways to send a signal (numbers and names are in {@link io.supervisor4j.config.SignalNames}). Errors surface as
 * {@link LibcException} whose {@code errnoName()} is e.g. {@code ESRCH}; callers ignore ESRCH as supervisord does.
 */
public final class Signals {
  private Signals() {}

  public static void kill(int pid, int sig) {
    if (pid <= 0) {
      throw new IllegalArgumentException("refusing to kill pid " + pid);
    }
    Libc.kill(pid, sig);
  }

  /** Signals every process of the group (kill(-pgid)), as stopasgroup/killasgroup do. */
  public static void killProcessGroup(int pgid, int sig) {
    if (pgid <= 1) {
      throw new IllegalArgumentException("refusing to kill process group " + pgid);
    }
    Libc.kill(-pgid, sig);
  }

  /** Race-free signal to the process behind a pidfd (no pid reuse possible). */
  public static void pidfdSendSignal(int pidfd, int sig) {
    Libc.pidfdSendSignal(pidfd, sig);
  }
}
