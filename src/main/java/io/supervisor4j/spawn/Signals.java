package io.supervisor4j.spawn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Linux signal numbers (x86_64 and aarch64 share them) and the ways to send one. Errors surface as
 * {@link LibcException} whose {@code errnoName()} is e.g. {@code ESRCH}; callers ignore ESRCH as supervisord does.
 */
public final class Signals {
  private static final String[] NAMES = {
    null, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE",
    "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM",
    "PROF", "WINCH", "IO", "PWR", "SYS"
  };
  private static final Map<String, Integer> NUMBERS = new LinkedHashMap<>();

  static {
    for (int i = 1; i < NAMES.length; i++) {
      NUMBERS.put(NAMES[i], i);
    }
    NUMBERS.put("IOT", 6);
    NUMBERS.put("POLL", 29);
    NUMBERS.put("CLD", 17);
  }

  public static final int SIGHUP = 1;
  public static final int SIGINT = 2;
  public static final int SIGQUIT = 3;
  public static final int SIGKILL = 9;
  public static final int SIGUSR1 = 10;
  public static final int SIGSEGV = 11;
  public static final int SIGUSR2 = 12;
  public static final int SIGTERM = 15;
  public static final int SIGCHLD = 17;
  public static final int SIGCONT = 18;
  public static final int SIGSTOP = 19;

  private Signals() {}

  /** The number for {@code TERM}, {@code SIGTERM} or {@code 15} (case-insensitive), if it is a Linux signal. */
  public static Optional<Integer> number(String name) {
    String n = name.trim().toUpperCase(java.util.Locale.ROOT);
    if (n.startsWith("SIG")) {
      n = n.substring(3);
    }
    Integer known = NUMBERS.get(n);
    if (known != null) {
      return Optional.of(known);
    }
    try {
      int value = Integer.parseInt(n);
      return value >= 1 && value <= 64 ? Optional.of(value) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** {@code TERM} for 15; real-time signals as {@code RTMIN+n}; unknown numbers as the number. */
  public static String name(int sig) {
    if (sig >= 1 && sig < NAMES.length) {
      return NAMES[sig];
    }
    if (sig >= 34 && sig <= 64) {
      return sig == 34 ? "RTMIN" : sig == 64 ? "RTMAX" : "RTMIN+" + (sig - 34);
    }
    return Integer.toString(sig);
  }

  /**
   * supervisord's {@code signame} (Python's signal module names): {@code SIGTERM}, {@code SIGPOLL} for 29,
   * {@code SIGRTMIN}/{@code SIGRTMAX} for 34/64, otherwise {@code signal 40}.
   */
  public static String signame(int sig) {
    if (sig == 29) {
      return "SIGPOLL";
    }
    if (sig >= 1 && sig < NAMES.length) {
      return "SIG" + NAMES[sig];
    }
    return sig == 34 ? "SIGRTMIN" : sig == 64 ? "SIGRTMAX" : "signal " + sig;
  }

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
